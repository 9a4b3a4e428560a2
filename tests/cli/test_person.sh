# docket person add | list
. "$(dirname "$0")/lib.sh"
ok init
ok person add ana --name "Ana Lima" --email ana@example.org --team ml-platform
eq "$OUT" "ana"
ok person add bo --name "Bo Chen" --team ml-platform
ok person add cy --name "Cy Diaz" --team data
ok person list
has "^HANDLE +NAME +EMAIL +TEAM"
has "^ana +Ana Lima +ana@example.org +ml-platform"
ok person list --team data --format csv
eq "$(echo "$OUT" | wc -l)" 2 "one person in team data"
has "^cy,Cy Diaz,,data,"
ok person list --format json
eq "$(echo "$OUT" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" 3 "json people"

bad "handle 'ana' is already taken" person add ana --name Again
bad "handle 'Ana' is not allowed" person add Ana --name X
bad -- "--name is required" person add dee
bad -- "--email 'dee.example.org' is not an email address" person add dee --name Dee --email dee.example.org
bad -- "--team 'Data Team' is not allowed" person add dee --name Dee --team "Data Team"
bad -- "--name .* has a control character" person add dee --name "$(printf 'De\033[31me')"
bad -- "--name is not valid UTF-8" person add dee --name "$(printf 'D\xffe')"
bad -- "--name '.*' is too long \(201 characters, at most 200\)" person add dee --name "$(printf 'x%.0s' $(seq 201))"
bad "unknown option '--nmae'" person add dee --nmae Dee
bad "unexpected argument 'extra'" person add dee extra --name Dee
bad "HANDLE is required" person add --name Dee
bad "'remove' is not a subcommand" person remove ana
done_
