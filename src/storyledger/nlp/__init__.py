"""Language processing: the spaCy pipeline and the extractors. spaCy objects stay in here."""
