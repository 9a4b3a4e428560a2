#include "docket/audit.h"

#include <stdio.h>
#include <string.h>

#include "docket/db.h"
#include "docket/schema.h"
#include "docket/text.h"

static const char SQL_LOG[] =
	"SELECT seq, at, actor, action, entity, entity_id, row AS \"row:json\", hash FROM ("
	"  SELECT * FROM audit_log"
	"  WHERE (:entity IS NULL OR entity = :entity) AND (:since IS NULL OR at >= :since)"
	"  ORDER BY seq DESC LIMIT :limit"
	") ORDER BY seq";

static const char SQL_CHAIN[] =
	"SELECT seq, at, actor, action, entity, entity_id, row, prev_hash, hash "
	"FROM audit_log ORDER BY seq";

int dk_audit_log(struct dk_db *db, const struct dk_audit_filter *f, dk_row_fn fn, void *ctx,
                 struct dk_error *err)
{
	struct dk_stmt s;
	int rc;

	if (f->entity != NULL) {
		int known = 0;
		for (const char *const *e = dk_schema_audited_tables(); *e; e++)
			known |= strcmp(*e, f->entity) == 0;
		if (!known)
			return dk_fail(err, DK_EINPUT, "--entity '%.40s' is not a record kind (person, "
			               "policy, context, blueprint, decision, evidence, risk, ...)", f->entity);
	}
	if ((rc = dk_stmt_prepare(db, &s, SQL_LOG, err)) != DK_OK)
		return rc;
	dk_bind_text(&s, ":entity", f->entity);
	dk_bind_text(&s, ":since", f->since);
	dk_bind_int(&s, ":limit", f->limit > 0 ? f->limit : -1);
	rc = dk_rows_emit(&s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}

void dk_audit_hash(int64_t seq, const char *prev, const char *at, const char *actor,
                   const char *action, const char *entity, int64_t entity_id,
                   const char *row, char out[DK_SHA256_HEX])
{
	struct dk_buf b = {0};

	dk_buf_addf(&b, "%lld|%s|%s|%s|%s|%s|%lld|", (long long)seq, prev, at, actor, action,
	            entity, (long long)entity_id);
	dk_buf_adds(&b, row);
	dk_sha256_hex(dk_buf_str(&b), b.len, out);
	dk_buf_free(&b);
}

static const char *col(struct dk_stmt *s, int i)
{
	const char *t = dk_col_text(s, i);
	return t ? t : "";
}

int dk_audit_verify(struct dk_db *db, struct dk_audit_result *res, struct dk_error *err)
{
	static const char zero[] = "0000000000000000000000000000000000000000000000000000000000000000";
	char prev[DK_SHA256_HEX], h[DK_SHA256_HEX], prev_at[40] = "";
	struct dk_stmt s;
	int64_t expect = 1;
	int rc;

	memset(res, 0, sizeof *res);
	memcpy(prev, zero, sizeof zero);
	if ((rc = dk_stmt_prepare(db, &s, SQL_CHAIN, err)) != DK_OK)
		return rc;
	while ((rc = dk_stmt_step(&s, err)) == DK_ROW) {
		int64_t seq = dk_col_int(&s, 0);

		res->rows++;
		if (seq != expect) {
			res->broken_seq = expect;
			snprintf(res->reason, sizeof res->reason,
			         "sequence %lld is missing (next row is %lld)", (long long)expect,
			         (long long)seq);
			break;
		}
		if (strcmp(col(&s, 7), prev) != 0) {
			res->broken_seq = seq;
			snprintf(res->reason, sizeof res->reason,
			         "its previous hash does not match row %lld", (long long)seq - 1);
			break;
		}
		dk_audit_hash(seq, prev, col(&s, 1), col(&s, 2), col(&s, 3), col(&s, 4),
		              dk_col_int(&s, 5), col(&s, 6), h);
		if (strcmp(h, col(&s, 8)) != 0) {
			res->broken_seq = seq;
			snprintf(res->reason, sizeof res->reason,
			         "its content does not match its hash (the row was edited)");
			break;
		}
		/* The triggers stamp each row with the time of its write, under
		 * the write lock: a row older than the one before it was not
		 * written by them. */
		if (strcmp(col(&s, 1), prev_at) < 0) {
			res->broken_seq = seq;
			snprintf(res->reason, sizeof res->reason,
			         "its time %.30s is earlier than row %lld's (%.30s): it was not "
			         "written in order", col(&s, 1), (long long)seq - 1, prev_at);
			break;
		}
		snprintf(prev_at, sizeof prev_at, "%s", col(&s, 1));
		memcpy(prev, h, sizeof h);
		res->head_seq = seq;
		expect++;
	}
	dk_stmt_finalize(&s);
	if (rc != DK_ROW && rc != DK_DONE)
		return rc;
	if (res->rows > 0 && res->broken_seq == 0)
		memcpy(res->head, prev, sizeof prev);
	return DK_OK;
}

int dk_audit_has_hash(struct dk_db *db, const char *hash, struct dk_error *err)
{
	struct dk_stmt s;
	int64_t seq;
	int found = 0, rc;

	if ((rc = dk_stmt_prepare(db, &s, "SELECT seq FROM audit_log WHERE hash = :hash", err)) != DK_OK)
		return rc;
	dk_bind_text(&s, ":hash", hash);
	rc = dk_stmt_one_int(&s, &seq, &found, err);
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	return found ? DK_OK : DK_EFAIL;
}

static const char SQL_ROW_AT[] = "SELECT hash, at FROM audit_log WHERE seq = :seq";

int dk_audit_row_at(struct dk_db *db, int64_t seq, char hash[DK_SHA256_HEX],
                    char at[DK_AUDIT_AT_LEN], int *found, struct dk_error *err)
{
	struct dk_stmt s;
	int rc;

	*found = 0;
	hash[0] = at[0] = '\0';
	if ((rc = dk_stmt_prepare(db, &s, SQL_ROW_AT, err)) != DK_OK)
		return rc;
	dk_bind_int(&s, ":seq", seq);
	if ((rc = dk_stmt_step(&s, err)) == DK_ROW) {
		*found = 1;
		snprintf(hash, DK_SHA256_HEX, "%s", col(&s, 0));
		snprintf(at, DK_AUDIT_AT_LEN, "%s", col(&s, 1));
		rc = DK_OK;
	} else if (rc == DK_DONE) {
		rc = DK_OK;
	}
	dk_stmt_finalize(&s);
	return rc;
}
