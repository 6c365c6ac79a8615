"""The scan stage: run resource specs against AWS and build an inventory."""
