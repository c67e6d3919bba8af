// Package shape holds the geometry threatmap applies to borders in lon,
// lat degrees (orb's coordinate order): cutting polygons at the
// antimeridian so that a planar map draws no streak across the world, and
// finding a representative point inside a country for addresses located
// only to their country.
//
// Functions never modify their input.
package shape
