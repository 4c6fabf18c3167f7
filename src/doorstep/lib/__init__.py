"""Pure helpers with no models: clock, geo, phone, postcode, text, env."""
