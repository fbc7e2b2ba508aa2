"""Vietnamese text handling shared by every other part of the generator."""
