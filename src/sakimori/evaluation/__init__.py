"""The evaluation harness: data sets in the contract format, red-team transforms, metrics, runs and reports."""
