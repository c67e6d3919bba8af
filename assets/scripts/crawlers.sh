#!/bin/sh
# Rewrites assets/crawlers/ranges.txt from the crawlers' published lists.
# Needs curl and jq. Usage: sh assets/scripts/crawlers.sh
set -eu
out=assets/crawlers/ranges.txt
tmp=$(mktemp)
{
	echo '# Address ranges that crawlers publish for their own user agents, one'
	echo '# "crawler prefix" a line. Written by assets/scripts/crawlers.sh on'
	echo "# $(date -u +%Y-%m-%d); see README.md."
	for pair in \
		googlebot=https://developers.google.com/search/apis/ipranges/googlebot.json \
		bingbot=https://www.bing.com/toolbox/bingbot.json \
		applebot=https://search.developer.apple.com/applebot.json; do
		name=${pair%%=*}
		url=${pair#*=}
		echo
		echo "# $name, from $url"
		curl -fsSL "$url" | jq -r '.prefixes[] | (.ipv4Prefix // .ipv6Prefix)' | sed "s/^/$name /"
	done
} >"$tmp"
mv "$tmp" "$out"
