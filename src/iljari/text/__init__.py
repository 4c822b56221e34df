"""Text processing for Korean and the languages of Ansan's residents (no Django inside)."""
