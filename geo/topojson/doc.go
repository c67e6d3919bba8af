// Package topojson decodes TopoJSON topologies (the format of Natural
// Earth's world-atlas borders) into orb geometries, one Feature per
// geometry, coordinates as the topology gives them (lon, lat for
// world-atlas).
package topojson
