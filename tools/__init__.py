"""Build helpers shared by noxfile.py and the tests; not shipped in the package."""
