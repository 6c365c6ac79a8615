"""The census: everything the account's cross-service sources list, and what adopt does with each."""
