#include "domain/auth_service.hpp"

#include "core/ids.hpp"
#include "core/log.hpp"
#include "domain/audit_service.hpp"
#include "domain/validation.hpp"

namespace portal::domain {
namespace {

constexpr std::string_view kBadCredentials = "email or password is incorrect";
constexpr std::string_view kSessionEnded = "your session has ended; please log in again";

Error BadCredentials() {
  return Error::Unauthenticated(std::string(kBadCredentials)).WithApiCode("invalid_credentials");
}
Error SessionEnded(std::string detail) {
  return Error::Unauthenticated(std::string(kSessionEnded))
      .WithApiCode("session_expired")
      .WithDetail(std::move(detail));
}

}  // namespace

AuthService::AuthService(Store& store, PasswordHasher& hasher, AccessTokenCodec& codec, TokenGenerator& tokens,
                         const Clock& clock, AuthSettings settings, std::unique_ptr<ThrottleCounters> throttle_counters)
    : store_(store),
      hasher_(hasher),
      codec_(codec),
      tokens_(tokens),
      clock_(clock),
      settings_(settings),
      throttle_(settings.account_address_throttle, settings.address_throttle, std::move(throttle_counters)) {
  auto dummy = hasher_.Hash(tokens_.RandomToken(16));
  if (!dummy) throw std::runtime_error("cannot compute the dummy password hash: " + dummy.error().detail);
  dummy_hash_ = *dummy;
}

std::string AuthService::IssueAccess(const std::string& user_id, const std::string& session_id,
                                     std::int64_t now_ms) const {
  AccessClaims claims;
  claims.user_id = user_id;
  claims.session_id = session_id;
  claims.issued_at = now_ms / 1000;
  claims.expires_at = claims.issued_at + settings_.access_ttl.count();
  return codec_.Issue(claims);
}

Result<TokenPair> AuthService::StartSession(Tx& tx, const User& user, const std::string& client, std::int64_t now) {
  Session session;
  session.id = NewId("ses");
  session.user_id = user.id;
  session.client = client;
  session.created_at = now;
  session.expires_at = now + settings_.refresh_ttl.count() * 1000;
  if (auto s = tx.Sessions().InsertSession(session); !s) return Fail(s.error());
  TokenPair pair;
  pair.refresh_token = tokens_.RandomToken(32);
  RefreshToken token;
  token.token_hash = tokens_.HashToken(pair.refresh_token);
  token.session_id = session.id;
  token.created_at = now;
  token.expires_at = session.expires_at;
  if (auto s = tx.Sessions().InsertRefreshToken(token); !s) return Fail(s.error());
  pair.access_token = IssueAccess(user.id, session.id, now);
  pair.expires_in = settings_.access_ttl.count();
  pair.user = user;
  return pair;
}

Result<TokenPair> AuthService::Login(const LoginInput& input) {
  auto email = NormalizeEmail(input.email);
  auto now_tp = clock_.Now();
  if (auto wait = throttle_.RetryAfter(email, input.address, now_tp)) {
    Error error{ErrorCode::kRateLimited, "too many failed logins; try again in " + std::to_string(*wait) + " seconds"};
    error.retry_after_seconds = *wait;
    return Fail(std::move(error));
  }

  std::optional<User> user;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto found = tx.Users().FindByEmail(email);
    if (found) {
      user = std::move(*found);
      return {};
    }
    if (found.error().code == ErrorCode::kNotFound) return {};
    return Fail(found.error());
  });
  if (!read) return Fail(read.error());

  // Unknown emails verify against a dummy hash so that both failures take the same time.
  auto verified = hasher_.Verify(input.password, user ? user->password_hash : dummy_hash_);
  if (!verified) return Fail(verified.error());
  if (!user || !*verified) {
    throttle_.RecordFailure(email, input.address, now_tp);
    log::Info("login_failed", {{"request_id", input.request_id}, {"known_account", user.has_value()}});
    return Fail(BadCredentials());
  }
  if (user->status != UserStatus::kActive) {
    return Fail(Error::Forbidden("this account is disabled; ask your administrator").WithApiCode("account_disabled"));
  }
  throttle_.RecordSuccess(email, input.address);

  std::optional<std::string> new_hash;
  if (hasher_.NeedsRehash(user->password_hash)) {
    auto rehashed = hasher_.Hash(input.password);
    if (rehashed) new_hash = std::move(*rehashed);  // a busy pool only postpones the upgrade
  }

  auto now = ToUnixMillis(now_tp);
  TokenPair pair;
  auto write = store_.Write([&](Tx& tx) -> Status {
    if (new_hash) user->password_hash = *new_hash;
    user->last_login_at = now;
    user->updated_at = now;
    if (auto s = tx.Users().Update(*user); !s) return s;
    auto started = StartSession(tx, *user, input.client, now);
    if (!started) return Fail(started.error());
    pair = std::move(*started);
    AuditDetails details;
    details.Add("client", input.client);
    if (new_hash) details.Add("rehashed", true);
    return tx.Audit().Append(MakeAuditEvent(user->id, "auth.login", "user", user->id, user->organization_id,
                                            input.request_id, now, details.Json()));
  });
  if (!write) return Fail(write.error());
  return pair;
}

Result<TokenPair> AuthService::Refresh(const std::string& refresh_token, const std::string& request_id) {
  if (refresh_token.empty()) return Fail(SessionEnded("no refresh token"));
  auto hash = tokens_.HashToken(refresh_token);
  auto now = NowMs();
  TokenPair pair;
  std::optional<Session> reused;  // set when a rotated token came back
  auto write = store_.Write([&](Tx& tx) -> Status {
    auto token = tx.Sessions().FindRefreshToken(hash);
    if (!token) {
      if (token.error().code == ErrorCode::kNotFound) return Fail(SessionEnded("unknown refresh token"));
      return Fail(token.error());
    }
    auto session = tx.Sessions().FindSession(token->session_id);
    if (!session) return Fail(session.error());
    if (session->revoked_at) return Fail(SessionEnded("session revoked"));
    if (token->expires_at <= now || session->expires_at <= now) return Fail(SessionEnded("refresh token expired"));
    auto won = tx.Sessions().MarkRotated(hash, now);
    if (!won) return Fail(won.error());
    if (!*won) {
      reused = *session;
      return Fail(SessionEnded("refresh token reuse"));
    }
    auto user = tx.Users().FindById(session->user_id);
    if (!user) return Fail(user.error());
    if (user->status != UserStatus::kActive) return Fail(SessionEnded("user disabled"));
    pair.refresh_token = tokens_.RandomToken(32);
    RefreshToken next;
    next.token_hash = tokens_.HashToken(pair.refresh_token);
    next.session_id = session->id;
    next.created_at = now;
    next.expires_at = now + settings_.refresh_ttl.count() * 1000;
    if (auto s = tx.Sessions().InsertRefreshToken(next); !s) return s;
    if (auto s = tx.Sessions().ExtendSession(session->id, next.expires_at); !s) return s;
    pair.access_token = IssueAccess(user->id, session->id, now);
    pair.expires_in = settings_.access_ttl.count();
    pair.user = std::move(*user);
    return {};
  });
  if (write) return pair;
  if (reused) {
    // A rotated token came back: someone holds a copy. End the whole family, in its own
    // transaction (the refresh above rolled back), and leave a trace.
    auto revoke = store_.Write([&](Tx& tx) -> Status {
      if (auto s = tx.Sessions().RevokeSession(reused->id, "refresh_reuse", now); !s) return s;
      auto user = tx.Users().FindById(reused->user_id);
      std::optional<std::string> org = user ? user->organization_id : std::nullopt;
      return tx.Audit().Append(MakeAuditEvent(reused->user_id, "session.refresh_reuse_detected", "session", reused->id,
                                              org, request_id, now, AuditDetails().Add("revoked", "family").Json()));
    });
    if (!revoke) return Fail(revoke.error());
    log::Warn("refresh_token_reuse", {{"session_id", reused->id}, {"request_id", request_id}});
  }
  return Fail(write.error());
}

Status AuthService::Logout(const std::optional<Actor>& actor, const std::optional<std::string>& refresh_token,
                           const std::string& request_id) {
  auto now = NowMs();
  return store_.Write([&](Tx& tx) -> Status {
    std::string session_id;
    std::string user_id;
    std::optional<std::string> org;
    if (actor) {
      session_id = actor->session_id;
      user_id = actor->user_id;
      org = actor->organization_id;
    } else if (refresh_token && !refresh_token->empty()) {
      auto token = tx.Sessions().FindRefreshToken(tokens_.HashToken(*refresh_token));
      if (!token) return Fail(Error::Unauthenticated());
      auto session = tx.Sessions().FindSession(token->session_id);
      if (!session) return Fail(Error::Unauthenticated());
      session_id = session->id;
      user_id = session->user_id;
    } else {
      return Fail(Error::Unauthenticated());
    }
    if (auto s = tx.Sessions().RevokeSession(session_id, "logout", now); !s) return s;
    return tx.Audit().Append(MakeAuditEvent(user_id, "auth.logout", "session", session_id, org, request_id, now));
  });
}

Result<Actor> AuthService::Authenticate(std::string_view access_token, const std::string& request_id) {
  return Authenticate(access_token, request_id, nullptr);
}

Result<Actor> AuthService::Authenticate(std::string_view access_token, const std::string& request_id,
                                        Profile* profile) {
  auto claims = codec_.Verify(access_token, clock_.Now());
  if (!claims) return Fail(claims.error());
  auto now = NowMs();
  Actor actor;
  // One query for the session, its user and (for /me) the profile: every authenticated request
  // makes it, so a revoked session or a disabled user fails on the very next request.
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto found = tx.Users().FindBySession(claims->session_id);
    if (!found) {
      if (found.error().code == ErrorCode::kNotFound) return Fail(SessionEnded("unknown session"));
      return Fail(found.error());
    }
    const Session& session = found->session;
    if (session.revoked_at || session.expires_at <= now || session.user_id != claims->user_id) {
      return Fail(SessionEnded("session revoked or expired"));
    }
    User& user = found->user;
    if (user.status != UserStatus::kActive) return Fail(SessionEnded("user disabled"));
    actor.user_id = user.id;
    actor.session_id = session.id;
    actor.name = user.name;
    actor.email = user.email;
    actor.role = user.role;
    actor.organization_id = user.organization_id;
    actor.request_id = request_id;
    if (profile != nullptr) {
      profile->api_key = HeldKeyBrief(user.api_key_id, found->api_key);
      profile->organization = std::move(found->organization);
      profile->user = std::move(user);
    }
    return {};
  });
  if (!read) return Fail(read.error());
  return actor;
}

Status AuthService::LoadProfileDetails(Tx& tx, Profile& profile) {
  if (profile.user.organization_id) {
    auto org = tx.Organizations().FindById(*profile.user.organization_id);
    if (org) {
      profile.organization = std::move(*org);
    } else if (org.error().code != ErrorCode::kNotFound) {  // not found: a deleted organization
      return Fail(org.error());
    }
  }
  auto key = LoadApiKeyBrief(tx, profile.user.api_key_id);
  if (!key) return Fail(key.error());
  profile.api_key = std::move(*key);
  return {};
}

Result<Profile> AuthService::GetProfile(const std::string& user_id) {
  Profile profile;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto user = tx.Users().FindById(user_id);
    if (!user) return Fail(user.error());
    profile.user = std::move(*user);
    return LoadProfileDetails(tx, profile);
  });
  if (!read) return Fail(read.error());
  return profile;
}

Status AuthService::ChangePassword(const Actor& actor, const std::string& current_password,
                                   const std::string& new_password) {
  if (auto valid = ValidatePassword(new_password); !valid) return valid;
  std::optional<User> user;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto found = tx.Users().FindById(actor.user_id);
    if (!found) return Fail(found.error());
    user = std::move(*found);
    return {};
  });
  if (!read) return read;
  auto verified = hasher_.Verify(current_password, user->password_hash);
  if (!verified) return Fail(verified.error());
  if (!*verified) {
    return Fail(Error::InvalidArgument("the current password is incorrect").WithApiCode("invalid_current_password"));
  }
  auto hash = hasher_.Hash(new_password);
  if (!hash) return Fail(hash.error());
  auto now = NowMs();
  return store_.Write([&](Tx& tx) -> Status {
    auto fresh = tx.Users().FindById(actor.user_id);
    if (!fresh) return Fail(fresh.error());
    fresh->password_hash = *hash;
    fresh->must_change_password = false;
    fresh->updated_at = now;
    if (auto s = tx.Users().Update(*fresh); !s) return s;
    // Every other session ends; the one that changed the password stays.
    auto sessions = tx.Sessions().RevokeUserSessions(actor.user_id, "password_changed", now, actor.session_id);
    if (!sessions) return Fail(sessions.error());
    return tx.Audit().Append(MakeAuditEvent(actor.user_id, "user.password_changed", "user", actor.user_id,
                                            actor.organization_id, actor.request_id, now,
                                            AuditDetails().Add("sessions_revoked", *sessions).Json()));
  });
}

Result<bool> AuthService::SetupNeeded() {
  bool needed = false;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto count = tx.Users().Count();
    if (!count) return Fail(count.error());
    needed = *count == 0;
    return {};
  });
  if (!read) return Fail(read.error());
  return needed;
}

Result<TokenPair> AuthService::Setup(const std::string& name, const std::string& email, const std::string& password,
                                     const std::string& client, const std::string& request_id) {
  User user;
  user.name = Trimmed(name);
  user.email = NormalizeEmail(email);
  if (auto s = ValidateName(user.name, "name"); !s) return Fail(s.error());
  if (auto s = ValidateEmail(user.email); !s) return Fail(s.error());
  if (auto s = ValidatePassword(password); !s) return Fail(s.error());
  auto needed = SetupNeeded();
  if (!needed) return Fail(needed.error());
  if (!*needed) return Fail(Error::Conflict("the portal is already set up").WithApiCode("setup_done"));
  auto hash = hasher_.Hash(password);
  if (!hash) return Fail(hash.error());
  auto now = NowMs();
  user.id = NewId("usr");
  user.password_hash = *hash;
  user.role = Role::kSuperAdmin;
  user.created_at = now;
  user.updated_at = now;
  user.last_login_at = now;
  TokenPair pair;
  auto write = store_.Write([&](Tx& tx) -> Status {
    // The settings row is the once-only guard: concurrent setups race on its primary key.
    auto first = tx.Settings().InsertIfAbsent("setup.completed_at", std::to_string(now), now);
    if (!first) return Fail(first.error());
    auto count = tx.Users().Count();
    if (!count) return Fail(count.error());
    if (!*first || *count != 0) return Fail(Error::Conflict("the portal is already set up").WithApiCode("setup_done"));
    if (auto s = tx.Users().Insert(user); !s) return s;
    if (auto s = tx.Audit().Append(
            MakeAuditEvent(user.id, "setup.complete", "user", user.id, std::nullopt, request_id, now));
        !s) {
      return s;
    }
    auto started = StartSession(tx, user, client, now);
    if (!started) return Fail(started.error());
    pair = std::move(*started);
    return {};
  });
  if (!write) return Fail(write.error());
  return pair;
}

}  // namespace portal::domain
