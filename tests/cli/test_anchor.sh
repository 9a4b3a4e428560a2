# docket audit keygen | anchor and audit verify --anchors/--pubkey/--head:
# a chain forged with the sqlite3 shell (and re-hashed, as a forger with
# write access can) is caught by the signed anchors made before it.
. "$(dirname "$0")/lib.sh"
sqlite_only "the chain is forged with python's sqlite3 on the file and put back by copying it; the anchors' default file is beside the database file"

# forge FROM SQL...: what a forger with write access does, and tidily:
# drops the guards the SQL needs, runs it, recomputes prev_hash and hash of
# every row from seq FROM to the end as the triggers would, and re-creates
# the guards as they were. docket_sha256 exists only inside docket, so the
# forger's tool here is python3's hashlib.
forge() {
	python3 - "$DOCKET_DB" "$@" <<'EOF'
import hashlib, sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
start = int(sys.argv[2])
guards = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
                     "('audit_log_no_update', 'audit_log_no_delete', 'person_audit_delete')").fetchall()
con.execute("BEGIN")
for name, _ in guards:
    con.execute(f"DROP TRIGGER {name}")
for stmt in sys.argv[3:]:
    con.execute(stmt)
prev = "0" * 64
for seq, at, actor, action, entity, eid, row, h in con.execute(
        "SELECT seq, at, actor, action, entity, entity_id, row, hash FROM audit_log ORDER BY seq").fetchall():
    if seq >= start:
        h = hashlib.sha256(f"{seq}|{prev}|{at}|{actor}|{action}|{entity}|{eid}|{row}".encode()).hexdigest()
        con.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, h, seq))
    prev = h
for _, sql in guards:
    con.execute(sql)
con.execute("COMMIT")
EOF
}
restore() { cp pristine.db docket.db; rm -f docket.db-wal docket.db-shm; cp pristine.anchors anchors; }
sumof() { sha256sum "$1" | cut -d' ' -f1; }
# err_has PATTERN: the last stderr matches (grep -E)
err_has() { CHECKS=$((CHECKS + 1)); echo "$ERR" | grep -Eq -- "$1" || fail "stderr does not match '$1': $ERR"; }

# --- keygen: two files, the private one 0600, never over anything ------------------
ok --db "$T/nowhere/none.db" audit keygen --out k
[ -e "$T/nowhere" ] && fail "keygen touched a database"
has "^private +k$"
has "^public +k.pub$"
fpr=$(echo "$OUT" | awk '$1 == "key" {print $2}')
eq "$(stat -c %a k)" 600 "private key mode"
eq "$(stat -c %a k.pub)" 644 "public key mode"
grep -q "BEGIN PRIVATE KEY" k || fail "k is not a PEM private key"
grep -q "BEGIN PUBLIC KEY" k.pub || fail "k.pub is not a PEM public key"
eq "$(openssl pkey -pubin -in k.pub -outform DER 2>/dev/null | tail -c 32 | sha256sum | cut -d' ' -f1)" "$fpr" "fingerprint is the raw key's SHA-256"
before=$(sumof k)
status 2 audit keygen --out k
err_has "^docket: audit keygen: --out: 'k' exists"
eq "$(sumof k)" "$before" "an existing key is left alone"
touch only.pub
status 2 audit keygen --out only
err_has "'only.pub' exists"
[ -e only ] && fail "a refused keygen left a private key"
ln -s "$T/elsewhere" link
status 2 audit keygen --out link
err_has "'link' is a symbolic link"
[ -e "$T/elsewhere" ] && fail "keygen followed a symbolic link"
status 2 audit keygen --out ''
err_has "--out '' is not a file name"
status 2 audit keygen
err_has -- "--out is required"
status 2 audit keygen --out "$T/no/such/dir/k"
err_has "cannot create"
ok audit keygen --out k2

# --- anchors over a growing chain -------------------------------------------------
seed
"$DOCKET" --db empty.db init >/dev/null
status 1 --db empty.db audit anchor --key k
err_has "refusing to anchor: the trail is empty"
[ -e empty.db.anchors ] && fail "an empty trail was anchored"
ok context add churn --owner bo --problem batch
ok --actor carol context revise CTX-1 --team-size 3
ok person add cy --name Cy
eq "$(sql 'SELECT max(seq) FROM audit_log')" 5 "five rows"
ok audit anchor --key k
has "^anchors +$T/docket.db.anchors$"
has "^seq +5$"
has "^key +$fpr$"
line=$(cat docket.db.anchors)
echo "$line" | grep -Eq "^docket-anchor 1 db=[0-9a-f]{64} seq=5 hash=$(sql 'SELECT hash FROM audit_log WHERE seq = 5') at=20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:.]{12}Z key=$fpr sig=[A-Za-z0-9+/]{86}==$" ||
	fail "anchor line: $line"
eq "$(stat -c %a docket.db.anchors)" 644 "anchor file mode"
ok person add dee --name Dee
ok person add eve --name Eve
ok audit anchor --key k --anchors anchors
ok audit anchor --key k --anchors "$T/anchors2"
cat docket.db.anchors anchors > all.anchors
mv all.anchors anchors
eq "$(wc -l < anchors)" 2 "two anchors"
ok person add fay --name Fay
ok audit verify --anchors anchors --pubkey k.pub
has "^status +intact"
has "^rows +8$"
has "^anchors +2$"
has "^anchored_seq +7$"
has "^unanchored_rows +1$"
has "^pin +8:[0-9a-f]{64}$"
ok audit verify --anchors anchors --pubkey k.pub --format json
eq "$(echo "$OUT" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["head_seq"], r["anchors"], r["anchored_seq"], r["unanchored_rows"], r["pin"] == "%d:%s" % (r["head_seq"], r["head"]))')" "8 2 7 1 True" "json fields"
sql ".backup pristine.db"
cp anchors pristine.anchors

# --- --head SEQ:HASH ----------------------------------------------------------
h5=$(sql 'SELECT hash FROM audit_log WHERE seq = 5')
h8=$(sql 'SELECT hash FROM audit_log WHERE seq = 8')
ok audit verify --head "5:$h5"
ok audit verify --head "8:$h8"
status 1 audit verify --head "6:$h5"
err_has "^docket: audit verify: pinned head: row 6 has hash .*rewritten at or before it"
status 1 audit verify --head "9:$h8"
err_has "the chain ends at row 8, before the pinned row: rows were removed \(truncated\)"
ok audit verify --head "$h5"
err_has "note: a bare --head HASH only checks that the hash is somewhere in the chain"
bad -- "--head '0:.*' is not SEQ:HASH" audit verify --head "0:$h5"
bad -- "--head '05:.*' is not SEQ:HASH" audit verify --head "05:$h5"
bad -- "--head ':.*' is not SEQ:HASH" audit verify --head ":$h5"
bad -- "--head 'x:.*' is not SEQ:HASH" audit verify --head "x:$h5"
bad -- "--head '-1:.*' is not SEQ:HASH" audit verify --head "-1:$h5"
bad -- "--head '5:' is not SEQ:HASH: the hash is not a SHA-256" audit verify --head "5:"
bad -- "--head '5:ABC' is not SEQ:HASH: the hash" audit verify --head "5:ABC"
bad -- "--head '5:.*' is not SEQ:HASH: the hash" audit verify --head "5:$(echo "$h5" | tr a-f A-F)"
bad -- "--head '5:5:.*' is not SEQ:HASH: the hash" audit verify --head "5:5:$h5"
bad -- "the sequence number is too large" audit verify --head "99999999999999999999:$h5"
bad -- "--head '' is not SEQ:HASH or a SHA-256" audit verify --head ''

# --- option pairs and unreadable files: bad input -----------------------------------
bad -- "--anchors and --pubkey go together" audit verify --anchors anchors
bad -- "--anchors and --pubkey go together" audit verify --pubkey k.pub
bad -- "--anchors 'missing': cannot read it" audit verify --anchors missing --pubkey k.pub
bad -- "--anchors '' is not a file name" audit verify --anchors '' --pubkey k.pub
bad -- "--anchors '.' is not a regular file" audit verify --anchors . --pubkey k.pub
bad -- "--pubkey 'anchors' is not an Ed25519 public key" audit verify --anchors anchors --pubkey anchors
bad -- "--pubkey 'k' is not an Ed25519 public key" audit verify --anchors anchors --pubkey k
bad -- "--pubkey 'missing': cannot read it" audit verify --anchors anchors --pubkey missing
bad -- "--key 'k.pub' can be read or written by others" audit anchor --key k.pub
cp k kwide; chmod 644 kwide
bad -- "--key 'kwide' can be read or written by others \(mode 0644\): chmod 600 it" audit anchor --key kwide
cp k.pub kpub; chmod 600 kpub
bad -- "--key 'kpub' is not an Ed25519 private key" audit anchor --key kpub
bad -- "--key '' is not a file name" audit anchor --key ''
bad -- "--anchors '' is not a file name" audit anchor --key k --anchors ''
mkfifo fifo
bad -- "--anchors 'fifo' is not a regular file" audit anchor --key k --anchors fifo
bad -- "--anchors 'fifo' is not a regular file" audit verify --anchors fifo --pubkey k.pub
: > empty.anchors
status 1 audit verify --anchors empty.anchors --pubkey k.pub
err_has "empty.anchors:0: the file holds no anchors"

# --- (a) a forged append after the last anchor -----------------------------------
# A row that says mallory changed nothing in ana's record, dated like the
# last row, hashed onto the head: nothing in the database contradicts it, and
# anchors at older sequences cannot see it. That is what they do not prove.
forge 9 "INSERT INTO audit_log SELECT 9, (SELECT at FROM audit_log WHERE seq = 8), 'mallory', 'update', 'person', 1, (SELECT row FROM audit_log WHERE seq = 1), (SELECT hash FROM audit_log WHERE seq = 8), '$(printf %064d 0)'"
eq "$(sql 'SELECT actor FROM audit_log WHERE seq = 9')" mallory "the forged row is there"
status 0 audit verify --anchors anchors --pubkey k.pub
echo "$ERR" | grep -q "anchors:" && fail "the anchors named the forged append: $ERR"
has "^unanchored_rows +2$"
# once an anchor covers a row, rewriting it (the forger covering their tracks) is caught
restore
ok person add gus --name Gus
ok audit anchor --key k --anchors anchors
forge 9 "UPDATE audit_log SET actor = 'mallory' WHERE seq = 9"
ok audit verify
status 1 audit verify --anchors anchors --pubkey k.pub
err_has "anchors:3: seq 9: the chain's row 9 has hash .* the chain was rewritten at or before row 9"
hasnt "^status +intact"
has "^anchor +9 +anchors:3 "
eq "$(echo "$OUT" | grep -c '^anchor')" 1 "one anchor finding"
echo "$ERR" | grep -q "anchors:[12]:" && fail "the anchors before the forgery hold: $ERR"

# --- (b) the whole chain rewritten from row 3, re-hashed to the end -----------------
# (who made each change, blamed on bo)
restore
forge 3 "UPDATE audit_log SET actor = 'bo' WHERE seq >= 3"
ok audit verify
status 1 audit verify --anchors anchors --pubkey k.pub
err_has "^docket: audit verify: anchors:1: seq 5: the chain's row 5 has hash [0-9a-f]{12}\.\.\., the anchor signed $(echo "$h5" | cut -c1-12)\.\.\.: the chain was rewritten at or before row 5"
err_has "anchors:2: seq 7: .*rewritten at or before row 7"
err_has "\(and 1 other finding\)"
has "^anchor +5 +anchors:1 "
before=$(sumof anchors)
status 1 audit anchor --key k --anchors anchors
err_has "refusing to anchor: 2 findings in anchors"
eq "$(sumof anchors)" "$before" "a rewritten chain is not anchored"
status 1 audit verify --head "5:$h5"
err_has "row 5 has hash"

# rewritten from its very first row: the anchors name another first row
restore
forge 1 "UPDATE audit_log SET actor = 'bo' WHERE seq = 1"
ok audit verify
status 1 audit verify --anchors anchors --pubkey k.pub
err_has "anchors:1: seq 5: the anchor is for a chain whose first row is .*rewritten from its first row"

# --- (c) truncated below an anchored sequence ---------------------------------------
# (with the records whose rows went, so that nothing else disagrees)
restore
forge 7 "DELETE FROM person WHERE handle IN ('eve', 'fay')" "DELETE FROM audit_log WHERE seq >= 7"
eq "$(sql 'SELECT max(seq) FROM audit_log')" 6 "truncated"
ok audit verify
status 1 audit verify --anchors anchors --pubkey k.pub
err_has "anchors:2: seq 7: the chain ends at row 6, before the anchored row 7: rows were removed \(truncated\)"
echo "$ERR" | grep -q "anchors:1:" && fail "anchor 1 holds after the truncation: $ERR"
# cut to nothing
forge 1 "DELETE FROM audit_log"
status 1 audit verify --anchors anchors --pubkey k.pub
err_has "anchors:1: seq 5: the chain ends at row 0"

# --- (d) back-dated rows, re-hashed ------------------------------------------------
# (rows 3 on dated as row 2, so that time still never goes backwards)
restore
forge 3 "UPDATE audit_log SET at = (SELECT at FROM audit_log WHERE seq = 2) WHERE seq >= 3"
ok audit verify
status 1 audit verify --anchors anchors --pubkey k.pub
err_has "anchors:1: seq 5: .*rewritten at or before row 5"

# --- (e) an anchor line edited --------------------------------------------------
restore
sed -i '1s/ seq=5 / seq=4 /' anchors
status 1 audit verify --anchors anchors --pubkey k.pub
err_has "anchors:1: seq 4: the signature does not match the line: it was edited or forged"
restore
h7=$(sql 'SELECT hash FROM audit_log WHERE seq = 7')
sed -i "2s/ hash=$h7 / hash=$h5 /" anchors
status 1 audit verify --anchors anchors --pubkey k.pub
err_has "anchors:2: seq 7: the signature does not match"
restore
python3 -c 'import sys; p = sys.argv[1]; l = open(p).read().split("\n"); i = l[1].index("sig=") + 10; l[1] = l[1][:i] + ("B" if l[1][i] == "A" else "A") + l[1][i + 1:]; open(p, "w").write("\n".join(l))' anchors
status 1 audit verify --anchors anchors --pubkey k.pub
err_has "anchors:2: seq 7: the signature does not match"

# --- (f) a line signed by another key --------------------------------------------
restore
ok audit anchor --key k2 --anchors other.anchors
cat other.anchors >> anchors
status 1 audit verify --anchors anchors --pubkey k.pub
err_has "anchors:3: seq 8: signed by another key \([0-9a-f]{16}\.\.\.\), not the --pubkey's \($(echo "$fpr" | cut -c1-16)\.\.\.\)"
# and an anchor line signed by the right key for another database
restore
"$DOCKET" --db small.db init >/dev/null
"$DOCKET" --db small.db person add zed --name Zed >/dev/null
"$DOCKET" --db small.db audit anchor --key k --anchors small.anchors >/dev/null || fail "anchor small.db"
cat small.anchors >> anchors
status 1 audit verify --anchors anchors --pubkey k.pub
err_has "anchors:3: seq 1: the anchor is for a chain whose first row is .*another database's anchor"

# --- garbled lines ------------------------------------------------------------
restore
{ echo "hello"; echo "docket-anchor 2 db=x"; sed -n 1p pristine.anchors | sed 's/ key=/  key=/';
  sed -n 1p pristine.anchors | sed 's/seq=5/seq=05/'; sed -n 1p pristine.anchors | tr -d '\n'; printf '\r\n'; } >> anchors
status 1 audit verify --anchors anchors --pubkey k.pub
err_has "anchors:3: not an anchor line \(expected 'docket-anchor 1 db=HEX"
err_has "anchors:4: anchor format version '2' is not one this docket reads \(1\)"
err_has "anchors:5: the line has more fields than an anchor"
err_has "anchors:6: seq= is not a sequence number"
err_has "anchors:7: sig= is not a base64 Ed25519 signature"
err_has "\(and 4 other findings\)"
echo "$ERR" | grep -q "anchors:[12]:" && fail "good lines reported: $ERR"

# --- order: sequence and time never go down -----------------------------------
restore
{ sed -n 2p pristine.anchors; sed -n 1p pristine.anchors; } > anchors
status 1 audit verify --anchors anchors --pubkey k.pub
err_has "anchors:2: seq 5: it anchors row 5, below line 1's row 7: anchors go backwards"
# two anchors of the same head, the later one first
ok audit anchor --key k --anchors t1.anchors
t1=$(awk '{print $6}' t1.anchors)
while :; do
	rm -f t2.anchors
	"$DOCKET" audit anchor --key k --anchors t2.anchors >/dev/null || { fail "anchor t2"; break; }
	[ "$(awk '{print $6}' t2.anchors)" != "$t1" ] && break
	sleep 0.05
done
cat t2.anchors t1.anchors > anchors
status 1 audit verify --anchors anchors --pubkey k.pub
err_has "anchors:2: seq 8: it was signed at .* before line 1 \(.*\): anchors go back in time"
cat t1.anchors t2.anchors > anchors
ok audit verify --anchors anchors --pubkey k.pub

# --- anchor runs at once, while people are added: the file stays in order ----------
restore
for i in 1 2 3 4 5 6; do
	"$DOCKET" audit anchor --key k --anchors anchors >/dev/null 2>>par.err &
	"$DOCKET" person add "p$i" --name "P $i" >/dev/null 2>>par.err &
done
wait
# (a run that waits over 2 s for the lock says so: slow under valgrind)
eq "$(real_errors par.err)" "" "parallel runs"
eq "$(wc -l < anchors)" 8 "every run appended one line"
ok audit verify --anchors anchors --pubkey k.pub
has "^anchors +8$"

# --- anchor refuses a chain that does not verify ------------------------------------
restore
sql "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 6"
before=$(sumof anchors)
status 1 audit anchor --key k --anchors anchors
err_has "refusing to anchor: audit chain broken at sequence 6"
eq "$(sumof anchors)" "$before" "a broken chain is not anchored"
status 1 audit verify --anchors anchors --pubkey k.pub
has "^chain +6 "
done_
