"""The settings: the model, its light defaults for launch, and the settings file."""
