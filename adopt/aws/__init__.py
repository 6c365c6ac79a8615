"""Access to AWS: sessions, clients and the read-only guard."""
