"""Resources shipped with the program: translations, icons, demo data."""
