"""The symptom checker in the page: pure views plus PyScript glue."""
