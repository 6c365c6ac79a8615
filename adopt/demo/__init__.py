"""The built-in emulated AWS estate behind `adopt demo`."""
