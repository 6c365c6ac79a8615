"""Resource specs, one module per AWS service.  Each module exports ``SPECS``."""
