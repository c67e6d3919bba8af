#!/bin/sh
# Re-creates assets/data from the npm packages it was taken from:
#   $1  world-atlas         Natural Earth 1:50m countries and land (TopoJSON; ISC, data public domain)
#   $2  geo-whois-asn-country-mmdb  ip-location-db country database (CC BY 4.0, NRO)
#   $3  iso-3166            ISO 3166-1 numeric/alpha-2/alpha-3/name table (MIT)
# Run through `make assets`; needs npm and node. The build never runs it.
set -eu
dest=$(cd "$(dirname "$0")/../data" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "$1" "$2" "$3" >/dev/null
for f in *.tgz; do mkdir "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}" --strip-components=1; done
wa=$(ls -d world-atlas-*/) ; db=$(ls -d ip-location-db-*/) ; iso=$(ls -d iso-3166-*/)
cp "$wa/countries-50m.json" "$wa/land-50m.json" "$dest/"
cp "$wa/LICENSE" "$dest/LICENSE.world-atlas"
cp "$db/geo-whois-asn-country.mmdb" "$dest/"
cp "$db/NRO_LICENSE" "$dest/LICENSE.geo-whois-asn-country"
cp "$iso/license" "$dest/LICENSE.iso-3166"
node -e '
import(process.argv[1]).then(m => {
  const q = s => /[",]/.test(s) ? "\"" + s.replace(/"/g, "\"\"") + "\"" : s;
  const rows = m.iso31661.map(e => [e.numeric, e.alpha2, e.alpha3, q(e.name)].join(","));
  process.stdout.write("numeric,alpha2,alpha3,name\n" + rows.join("\n") + "\n");
})' "$tmp/$iso/1.js" > "$dest/iso3166.csv"
echo "assets/data re-created from $1, $2, $3"
