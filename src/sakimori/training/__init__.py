"""Training recipes: the built-in classifier (`sakimori train`)."""
