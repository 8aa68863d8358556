#include <string>

#include "storage/sql_repositories.hpp"

namespace portal::storage {
namespace {

constexpr char kInsertSession[] =
    "INSERT INTO sessions (id, user_id, client, created_at, expires_at, revoked_at, revoked_reason)"
    " VALUES (:id, :user_id, :client, :created_at, :expires_at, :revoked_at, :revoked_reason)";
constexpr char kSelectSessionById[] =
    "SELECT id, user_id, client, created_at, expires_at, revoked_at, revoked_reason"
    " FROM sessions WHERE id = :id";
constexpr char kCountSessionsById[] = "SELECT count(*) FROM sessions WHERE id = :id";
constexpr char kExtendSession[] = "UPDATE sessions SET expires_at = :expires_at WHERE id = :id";
constexpr char kRevokeSession[] =
    "UPDATE sessions SET revoked_at = :now, revoked_reason = :reason"
    " WHERE id = :id AND revoked_at IS NULL";
// Live = neither revoked nor expired; expired sessions keep their history untouched.
constexpr char kRevokeUserSessions[] =
    "UPDATE sessions SET revoked_at = :now, revoked_reason = :reason"
    " WHERE user_id = :user_id AND revoked_at IS NULL AND expires_at > :live_after AND id <> :except_id";
constexpr char kInsertRefreshToken[] =
    "INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at, rotated_at)"
    " VALUES (:token_hash, :session_id, :created_at, :expires_at, :rotated_at)";
constexpr char kSelectRefreshToken[] =
    "SELECT token_hash, session_id, created_at, expires_at, rotated_at FROM refresh_tokens"
    " WHERE token_hash = :token_hash";
constexpr char kCountRefreshTokens[] = "SELECT count(*) FROM refresh_tokens WHERE token_hash = :token_hash";
// The WHERE clause makes the winner: concurrent callers (any instance) see one affected row
// between them — PostgreSQL re-checks rotated_at after the first writer commits, SQLite
// serialises writers.
constexpr char kMarkRefreshTokenRotated[] =
    "UPDATE refresh_tokens SET rotated_at = :now WHERE token_hash = :token_hash AND rotated_at IS NULL";

constexpr ConstraintRule kSessionRules[] = {
    {"sessions.id", "sessions_pkey", ErrorCode::kConflict, "session id already exists"},
    {"FOREIGN KEY", "sessions_user_id_fkey", ErrorCode::kInvalidArgument, "user does not exist"},
};
constexpr ConstraintRule kRefreshTokenRules[] = {
    {"refresh_tokens.token_hash", "refresh_tokens_pkey", ErrorCode::kConflict, "refresh token already exists"},
    {"FOREIGN KEY", "refresh_tokens_session_id_fkey", ErrorCode::kInvalidArgument, "session does not exist"},
};

Result<bool> Exists(Conn& conn, const char* sql, const char* name, std::string value) {
  long long count = 0;
  conn.sql() << sql, soci::use(value, name), soci::into(count);
  return count > 0;
}

}  // namespace

Status SqlSessionRepository::InsertSession(const domain::Session& session) {
  return conn_.Write("sessions.insert", kSessionRules, [&]() -> Status {
    std::string id = session.id, user_id = session.user_id, client = session.client, reason = session.revoked_reason;
    long long created_at = session.created_at, expires_at = session.expires_at,
              revoked_at = session.revoked_at.value_or(0);
    soci::indicator revoked_ind = session.revoked_at ? soci::i_ok : soci::i_null;
    conn_.sql() << kInsertSession, soci::use(id, "id"), soci::use(user_id, "user_id"), soci::use(client, "client"),
        soci::use(created_at, "created_at"), soci::use(expires_at, "expires_at"),
        soci::use(revoked_at, revoked_ind, "revoked_at"), soci::use(reason, "revoked_reason");
    return {};
  });
}

Result<domain::Session> SqlSessionRepository::FindSession(std::string_view id) {
  return conn_.Read("sessions.find", [&]() -> Result<domain::Session> {
    std::string key(id);
    domain::Session s;
    long long created_at = 0, expires_at = 0, revoked_at = 0;
    soci::indicator revoked_ind = soci::i_null;
    soci::statement st = (conn_.sql().prepare << kSelectSessionById, soci::into(s.id), soci::into(s.user_id),
                          soci::into(s.client), soci::into(created_at), soci::into(expires_at),
                          soci::into(revoked_at, revoked_ind), soci::into(s.revoked_reason), soci::use(key, "id"));
    if (!st.execute(true)) return Fail(Error::NotFound("session not found"));
    s.created_at = created_at;
    s.expires_at = expires_at;
    if (revoked_ind == soci::i_ok) s.revoked_at = revoked_at;
    return s;
  });
}

Status SqlSessionRepository::ExtendSession(std::string_view id, std::int64_t expires_at) {
  return conn_.Write("sessions.extend", kSessionRules, [&]() -> Status {
    std::string key(id);
    long long new_expiry = expires_at;
    soci::statement st =
        (conn_.sql().prepare << kExtendSession, soci::use(new_expiry, "expires_at"), soci::use(key, "id"));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Fail(Error::NotFound("session not found"));
    return {};
  });
}

Status SqlSessionRepository::RevokeSession(std::string_view id, std::string_view reason, std::int64_t now) {
  return conn_.Write("sessions.revoke", kSessionRules, [&]() -> Status {
    std::string key(id), why(reason);
    long long at = now;
    soci::statement st =
        (conn_.sql().prepare << kRevokeSession, soci::use(at, "now"), soci::use(why, "reason"), soci::use(key, "id"));
    st.execute(true);
    if (st.get_affected_rows() > 0) return {};
    auto exists = Exists(conn_, kCountSessionsById, "id", key);
    if (!exists) return Fail(std::move(exists.error()));
    if (!*exists) return Fail(Error::NotFound("session not found"));
    return {};  // already revoked: the first reason and time stay
  });
}

Result<std::int64_t> SqlSessionRepository::RevokeUserSessions(std::string_view user_id, std::string_view reason,
                                                              std::int64_t now, std::string_view except_session_id) {
  return conn_.Write("sessions.revoke_user", kSessionRules, [&]() -> Result<std::int64_t> {
    std::string user(user_id), why(reason), except(except_session_id);
    long long at = now, live_after = now;
    soci::statement st =
        (conn_.sql().prepare << kRevokeUserSessions, soci::use(at, "now"), soci::use(why, "reason"),
         soci::use(user, "user_id"), soci::use(live_after, "live_after"), soci::use(except, "except_id"));
    st.execute(true);
    return static_cast<std::int64_t>(st.get_affected_rows());
  });
}

Status SqlSessionRepository::InsertRefreshToken(const domain::RefreshToken& token) {
  return conn_.Write("refresh_tokens.insert", kRefreshTokenRules, [&]() -> Status {
    std::string hash = token.token_hash, session_id = token.session_id;
    long long created_at = token.created_at, expires_at = token.expires_at, rotated_at = token.rotated_at.value_or(0);
    soci::indicator rotated_ind = token.rotated_at ? soci::i_ok : soci::i_null;
    conn_.sql() << kInsertRefreshToken, soci::use(hash, "token_hash"), soci::use(session_id, "session_id"),
        soci::use(created_at, "created_at"), soci::use(expires_at, "expires_at"),
        soci::use(rotated_at, rotated_ind, "rotated_at");
    return {};
  });
}

Result<domain::RefreshToken> SqlSessionRepository::FindRefreshToken(std::string_view token_hash) {
  return conn_.Read("refresh_tokens.find", [&]() -> Result<domain::RefreshToken> {
    std::string key(token_hash);
    domain::RefreshToken t;
    long long created_at = 0, expires_at = 0, rotated_at = 0;
    soci::indicator rotated_ind = soci::i_null;
    soci::statement st = (conn_.sql().prepare << kSelectRefreshToken, soci::into(t.token_hash),
                          soci::into(t.session_id), soci::into(created_at), soci::into(expires_at),
                          soci::into(rotated_at, rotated_ind), soci::use(key, "token_hash"));
    if (!st.execute(true)) return Fail(Error::NotFound("refresh token not found"));
    t.created_at = created_at;
    t.expires_at = expires_at;
    if (rotated_ind == soci::i_ok) t.rotated_at = rotated_at;
    return t;
  });
}

Result<bool> SqlSessionRepository::MarkRotated(std::string_view token_hash, std::int64_t now) {
  return conn_.Write("refresh_tokens.mark_rotated", kRefreshTokenRules, [&]() -> Result<bool> {
    std::string key(token_hash);
    long long at = now;
    soci::statement st =
        (conn_.sql().prepare << kMarkRefreshTokenRotated, soci::use(at, "now"), soci::use(key, "token_hash"));
    st.execute(true);
    if (st.get_affected_rows() == 1) return true;
    auto exists = Exists(conn_, kCountRefreshTokens, "token_hash", key);
    if (!exists) return Fail(std::move(exists.error()));
    if (!*exists) return Fail(Error::NotFound("refresh token not found"));
    return false;
  });
}

}  // namespace portal::storage
