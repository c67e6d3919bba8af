package geo

// MaxMercatorLat is the latitude, in degrees, at which Web Mercator becomes
// a square: the world's extent in project.WGS84.ToMercator (from
// github.com/paulmach/orb/project), which clamps beyond it.
const MaxMercatorLat = 85.0511287798066
