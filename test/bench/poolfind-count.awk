# The benchmark's reference: count !poolfind rows per tag and size, as an engineer would with awk.
# Prints "<tag> <size> <count>" per pair, then "TOTAL <rows>".
# Modern rows: <addr> : tag XXXX, size 0x.., <Pool> pool
$2 == ":" && $3 == "tag" { t = $4; sub(/,$/, "", t); s = $6; sub(/,$/, "", s); c[t " " s]++; n++; next }
# Legacy rows: <addr> size: <hex> previous size: <hex>  (State) XXXX
$2 == "size:" && $4 == "previous" { c[$NF " 0x" $3]++; n++; next }
# Legacy big-page rows: *<addr> :large page allocation, Tag  is XXXX, size  is 0x.. bytes
/^\*[0-9a-f]+ :(free +)?large page allocation/ { t = $(NF-4); sub(/,$/, "", t); c[t " " $(NF-1)]++; n++; next }
END { for (k in c) print k, c[k]; print "TOTAL", n + 0 }
