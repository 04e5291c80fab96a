//! Geography: map area, projection, basemap layers and the territory approximation.
