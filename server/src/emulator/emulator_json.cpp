#include "emulator/emulator_json.hpp"

#include <algorithm>

#include "emulator/emulator_random.hpp"
#include "emulator/emulator_state.hpp"

namespace portal::emulator {
namespace json = boost::json;

namespace {

json::value OptionalString(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
json::value OptionalTime(const std::optional<Micros>& t) {
  return t ? json::value(FormatMicros(*t)) : json::value(nullptr);
}

json::object ResidencyJson(const DataResidency& r) {
  json::object out;
  if (r.unrestricted) {
    out["allowed_inference_geos"] = "unrestricted";
  } else {
    json::array geos;
    for (const auto& g : r.allowed_inference_geos) geos.emplace_back(g);
    out["allowed_inference_geos"] = std::move(geos);
  }
  out["default_inference_geo"] = r.default_inference_geo;
  out["workspace_geo"] = r.workspace_geo;
  return out;
}

}  // namespace

json::object OrganizationJson(const Organization& org) {
  return {{"id", org.id}, {"type", "organization"}, {"name", org.name}};
}

json::object UserJson(const UserRecord& u) {
  return {{"id", u.id},     {"type", "user"}, {"email", u.email},
          {"name", u.name}, {"role", u.role}, {"added_at", FormatMicros(u.added_at)}};
}

json::object InviteJson(const InviteRecord& i) {
  return {{"id", i.id},
          {"type", "invite"},
          {"email", i.email},
          {"role", i.role},
          {"invited_at", FormatMicros(i.invited_at)},
          {"expires_at", FormatMicros(i.expires_at)},
          {"status", i.status},
          {"accepted_at", OptionalTime(i.accepted_at)},
          {"rbac_group_ids", json::array()}};
}

json::object WorkspaceJson(const WorkspaceRecord& w) {
  json::object tags;
  for (const auto& [k, v] : w.tags) tags[k] = v;
  return {{"id", w.id},
          {"type", "workspace"},
          {"name", w.name},
          {"created_at", FormatMicros(w.created_at)},
          {"archived_at", OptionalTime(w.archived_at)},
          {"display_color", w.display_color},
          {"data_residency", ResidencyJson(w.data_residency)},
          {"tags", std::move(tags)},
          {"compartment_id", w.compartment_id},
          {"external_key_id", nullptr},
          {"user_profile_id", OptionalString(w.user_profile_id)}};
}

json::object MemberJson(const MemberRecord& m) {
  return {{"type", "workspace_member"},
          {"user_id", m.user_id},
          {"workspace_id", m.workspace_id},
          {"workspace_role", m.workspace_role}};
}

json::object ApiKeyJson(const ApiKeyRecord& k, const std::string& default_workspace_id, bool current) {
  json::object out{{"id", k.id},
                   {"type", "api_key"},
                   {"name", k.name},
                   {"created_at", FormatMicros(k.created_at)},
                   {"created_by", {{"id", k.created_by}, {"type", "user"}}},
                   {"partial_key_hint", PartialKeyHint(k.value)},
                   {"status", k.status},
                   {"expires_at", nullptr},
                   {"scope", {{"type", "workspace"}, {"workspace_id", k.workspace_id.value_or(default_workspace_id)}}},
                   {"principal", {{"type", "user_actor"}, {"user_id", k.created_by}}}};
  // 2026-10-21 dropped workspace_id (the workspace is scope.workspace_id); older versions keep
  // it, null for the Default Workspace.
  if (!current) out["workspace_id"] = OptionalString(k.workspace_id);
  return out;
}

// ---------------------------------------------------------------- state file

namespace {

json::object SpendLimitStateJson(const SpendLimitRecord& l) {
  return {{"id", l.id},
          {"workspace_id", OptionalString(l.workspace_id)},
          {"period", l.period},
          {"amount", l.amount},
          {"created_at", FormatMicros(l.created_at)},
          {"updated_at", FormatMicros(l.updated_at)},
          {"seq", l.seq}};
}

}  // namespace

std::string SnapshotToJsonText(const Snapshot& s) {
  auto line = [](const json::value& v) { return json::serialize(v); };
  auto section = [&](std::string& out, std::string_view name, const json::array& items) {
    out += ",\n\"";
    out += name;
    out += "\": [";
    for (std::size_t i = 0; i < items.size(); ++i) {
      out += i == 0 ? "\n  " : ",\n  ";
      out += line(items[i]);
    }
    out += "\n]";
  };
  json::array users, workspaces, members, keys, invites;
  for (const auto& u : s.users) {
    auto o = UserJson(u);
    o["seq"] = u.seq;
    users.push_back(std::move(o));
  }
  for (const auto& w : s.workspaces) {
    auto o = WorkspaceJson(w);
    o["seq"] = w.seq;
    workspaces.push_back(std::move(o));
  }
  for (const auto& m : s.members) {
    auto o = MemberJson(m);
    o["seq"] = m.seq;
    members.push_back(std::move(o));
  }
  for (const auto& k : s.api_keys) {
    json::object o{{"id", k.id},
                   {"name", k.name},
                   {"value", k.value},
                   {"workspace_id", OptionalString(k.workspace_id)},
                   {"status", k.status},
                   {"created_by", k.created_by},
                   {"created_at", FormatMicros(k.created_at)},
                   {"seq", k.seq}};
    keys.push_back(std::move(o));
  }
  for (const auto& i : s.invites) {
    auto o = InviteJson(i);
    o["seq"] = i.seq;
    invites.push_back(std::move(o));
  }
  json::object tombstones;
  for (const auto& [k, v] : s.tombstones) tombstones[k] = v;
  json::array spend_limits;
  for (const auto& l : s.spend_limits) {
    auto o = SpendLimitStateJson(l);
    spend_limits.push_back(std::move(o));
  }
  json::object overrides;
  for (const auto& [workspace, groups] : s.rate_limit_overrides) {
    json::object by_group;
    for (const auto& [group, limits] : groups) {
      json::object values;
      for (const auto& [type, value] : limits) values[type] = value;
      by_group[group] = std::move(values);
    }
    overrides[workspace] = std::move(by_group);
  }
  json::object settings{{"spend_limits_enabled", s.settings.spend_limits_enabled},
                        {"analytics_enabled", s.settings.analytics_enabled},
                        {"org_active_api_keys_limit", s.settings.org_active_api_keys_limit},
                        {"workspace_active_api_keys_limit", s.settings.workspace_active_api_keys_limit},
                        {"usage_revision", s.settings.usage_revision},
                        {"analytics_page_limit", s.settings.analytics_page_limit}};

  std::string out = "{\"version\": 1";
  out += ",\n\"organization\": " + line(OrganizationJson(s.organization));
  out += ",\n\"default_workspace_id\": " + line(json::value(s.default_workspace_id));
  out += ",\n\"seed\": " + std::to_string(s.seed);
  out += ",\n\"next_seq\": " + std::to_string(s.next_seq);
  section(out, "users", users);
  section(out, "workspaces", workspaces);
  section(out, "members", members);
  section(out, "api_keys", keys);
  section(out, "invites", invites);
  section(out, "spend_limits", spend_limits);
  out += ",\n\"rate_limit_overrides\": " + line(overrides);
  out += ",\n\"settings\": " + line(settings);
  out += ",\n\"tombstones\": " + line(tombstones);
  out += "\n}\n";
  return out;
}

namespace {

// Reading helpers: each returns an error naming the field when the type is wrong.
struct Reader {
  const json::object& o;
  std::string where;

  Result<std::optional<std::string>> String(std::string_view key) const {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return std::optional<std::string>();
    if (!it->value().is_string())
      return Fail(Error::InvalidArgument(where + "." + std::string(key) + ": expected a string"));
    return std::optional<std::string>(std::string(it->value().as_string()));
  }
  Result<std::optional<Micros>> Time(std::string_view key) const {
    auto s = String(key);
    if (!s) return Fail(s.error());
    if (!*s) return std::optional<Micros>();
    auto t = ParseRfc3339(**s);
    if (!t) return Fail(Error::InvalidArgument(where + "." + std::string(key) + ": expected an RFC 3339 time"));
    return t;
  }
  std::optional<std::uint64_t> Seq() const {
    auto it = o.find("seq");
    if (it == o.end()) return std::nullopt;
    if (it->value().is_uint64()) return it->value().as_uint64();
    if (it->value().is_int64() && it->value().as_int64() >= 0)
      return static_cast<std::uint64_t>(it->value().as_int64());
    return std::nullopt;
  }
};

#define EMU_TRY(var, expr)                              \
  auto var##_result = (expr);                           \
  if (!var##_result) return Fail(var##_result.error()); \
  auto var = std::move(*var##_result)  // NOLINT(bugprone-macro-parentheses): var is the declared name

Result<const json::array*> Section(const json::object& root, std::string_view name) {
  static const json::array kEmpty;
  auto it = root.find(name);
  if (it == root.end() || it->value().is_null()) return &kEmpty;
  if (!it->value().is_array()) return Fail(Error::InvalidArgument(std::string(name) + ": expected an array"));
  for (const auto& item : it->value().as_array()) {
    if (!item.is_object()) return Fail(Error::InvalidArgument(std::string(name) + ": expected objects"));
  }
  return &it->value().as_array();
}

}  // namespace

Result<DataResidency> DataResidencyFromJson(const json::value& v, const std::string& where) {
  DataResidency r;
  if (v.is_null()) return r;
  if (!v.is_object()) return Fail(Error::InvalidArgument(where + ": expected an object"));
  const auto& o = v.as_object();
  if (auto it = o.find("allowed_inference_geos"); it != o.end() && !it->value().is_null()) {
    if (it->value().is_string() && it->value().as_string() == "unrestricted") {
      r.unrestricted = true;
    } else if (it->value().is_array()) {
      r.unrestricted = false;
      for (const auto& g : it->value().as_array()) {
        if (!g.is_string()) return Fail(Error::InvalidArgument(where + ".allowed_inference_geos: expected strings"));
        r.allowed_inference_geos.emplace_back(g.as_string());
      }
    } else {
      return Fail(Error::InvalidArgument(where + ".allowed_inference_geos: expected an array or \"unrestricted\""));
    }
  }
  Reader reader{o, where};
  EMU_TRY(def, reader.String("default_inference_geo"));
  if (def) r.default_inference_geo = *def;
  EMU_TRY(geo, reader.String("workspace_geo"));
  if (geo) r.workspace_geo = *geo;
  return r;
}

namespace {

// Builds a Snapshot from a state file a section at a time; what a hand-written seed file leaves
// out (ids, times, positions) is made up deterministically from the seed.
class SnapshotBuilder {
 public:
  explicit SnapshotBuilder(std::uint64_t seed) : rng(seed ^ 0x5EEDF11EULL) { s.seed = seed; }

  Status ReadOrganization(const json::object& root);
  Status ReadUsers(const json::object& root);
  Status ReadWorkspaces(const json::object& root);
  Status ReadMembers(const json::object& root);
  Status ReadApiKeys(const json::object& root);
  Status ReadInvites(const json::object& root);
  Status ReadSpendLimits(const json::object& root);
  Status ReadRateLimitOverrides(const json::object& root);
  Status ReadSettings(const json::object& root);
  Status ReadTombstones(const json::object& root);
  // Numbers the records without a stored position and puts every list in creation order.
  Snapshot Finish(const json::object& root);

 private:
  Micros NextTime() {
    return base + (tick++) * 3 * 3600 * kMicrosPerSecond + static_cast<Micros>(rng.Below(1'000'000));
  }
  std::uint64_t TakeSeq(const Reader& r) {
    auto seq = r.Seq();
    if (seq) max_seq = std::max(max_seq, *seq);
    return seq.value_or(0);
  }
  std::optional<std::string> UserRef(const std::string& ref) const {
    for (const auto& u : s.users) {
      if (u.id == ref || u.email == ref) return u.id;
    }
    return std::nullopt;
  }
  std::optional<std::string> WorkspaceRef(const std::string& ref) const {
    for (const auto& w : s.workspaces) {
      if (w.id == ref || w.name == ref) return w.id;
    }
    return std::nullopt;
  }
  // A record's workspace by id or name; the Default Workspace (or none) is nullopt when allowed.
  Result<std::optional<std::string>> ReadWorkspaceRef(const Reader& r, bool nullable) const {
    auto id = r.String("workspace_id");
    if (!id) return Fail(id.error());
    auto name = r.String("workspace");
    if (!name) return Fail(name.error());
    std::optional<std::string> ref = *id ? *id : *name;
    if (!ref || *ref == s.default_workspace_id || *ref == "default") {
      if (nullable) return std::optional<std::string>();
      return Fail(Error::InvalidArgument(r.where + ".workspace_id: required"));
    }
    auto found = WorkspaceRef(*ref);
    if (!found) return Fail(Error::InvalidArgument(r.where + ": unknown workspace " + *ref));
    return found;
  }

  Snapshot s;
  SplitMix64 rng;
  const Micros base = *ParseRfc3339("2025-01-06T09:00:00Z");
  Micros tick = 0;
  std::uint64_t max_seq = 0;
};

// The organization and the Default Workspace's id.
Status SnapshotBuilder::ReadOrganization(const json::object& root) {
  if (auto it = root.find("organization"); it != root.end() && it->value().is_object()) {
    Reader r{it->value().as_object(), "organization"};
    EMU_TRY(id, r.String("id"));
    EMU_TRY(name, r.String("name"));
    s.organization.id = id.value_or("");
    s.organization.name = name.value_or("");
  }
  if (s.organization.id.empty()) s.organization.id = MintUuid(rng);
  if (s.organization.name.empty()) s.organization.name = "Emulated Organization";
  EMU_TRY(default_ws, (Reader{root, "$"}.String("default_workspace_id")));
  s.default_workspace_id = default_ws ? *default_ws : MintId("wrkspc", rng);
  return {};
}

// Organization members.
Status SnapshotBuilder::ReadUsers(const json::object& root) {
  EMU_TRY(users, Section(root, "users"));
  for (std::size_t i = 0; i < users->size(); ++i) {
    Reader r{(*users)[i].as_object(), "users[" + std::to_string(i) + "]"};
    UserRecord u;
    EMU_TRY(id, r.String("id"));
    EMU_TRY(email, r.String("email"));
    EMU_TRY(name, r.String("name"));
    EMU_TRY(role, r.String("role"));
    EMU_TRY(added, r.Time("added_at"));
    if (!email || !LooksLikeEmail(*email)) return Fail(Error::InvalidArgument(r.where + ".email: required, an email"));
    u.id = id ? *id : MintId("user", rng);
    u.email = *email;
    u.name = name.value_or(email->substr(0, email->find('@')));
    u.role = role.value_or(i == 0 ? "admin" : "developer");
    u.added_at = added ? *added : NextTime();
    u.seq = TakeSeq(r);
    s.users.push_back(std::move(u));
  }
  return {};
}

// Workspaces, archived ones too.
Status SnapshotBuilder::ReadWorkspaces(const json::object& root) {
  EMU_TRY(workspaces, Section(root, "workspaces"));
  for (std::size_t i = 0; i < workspaces->size(); ++i) {
    const auto& o = (*workspaces)[i].as_object();
    Reader r{o, "workspaces[" + std::to_string(i) + "]"};
    WorkspaceRecord w;
    EMU_TRY(id, r.String("id"));
    EMU_TRY(name, r.String("name"));
    EMU_TRY(color, r.String("display_color"));
    EMU_TRY(created, r.Time("created_at"));
    EMU_TRY(archived, r.Time("archived_at"));
    EMU_TRY(compartment, r.String("compartment_id"));
    if (!name || name->empty()) return Fail(Error::InvalidArgument(r.where + ".name: required"));
    if (color && !IsValidDisplayColor(*color)) return Fail(Error::InvalidArgument(r.where + ".display_color: invalid"));
    w.id = id ? *id : MintId("wrkspc", rng);
    w.name = *name;
    w.display_color = color.value_or("#6C5BB9");
    w.created_at = created ? *created : NextTime();
    w.archived_at = archived;
    if (auto it = o.find("archived");
        it != o.end() && it->value().is_bool() && it->value().as_bool() && !w.archived_at) {
      w.archived_at = w.created_at + kMicrosPerDay;
    }
    if (auto it = o.find("tags"); it != o.end() && it->value().is_object()) {
      for (const auto& [k, v] : it->value().as_object()) {
        if (v.is_string()) w.tags[std::string(k)] = std::string(v.as_string());
      }
    }
    if (auto it = o.find("data_residency"); it != o.end()) {
      EMU_TRY(residency, DataResidencyFromJson(it->value(), r.where + ".data_residency"));
      w.data_residency = residency;
    }
    w.compartment_id = compartment ? *compartment : MintUuid(rng);
    EMU_TRY(profile, r.String("user_profile_id"));
    w.user_profile_id = profile;
    w.seq = TakeSeq(r);
    s.workspaces.push_back(std::move(w));
  }
  return {};
}

// Workspace members (after users and workspaces).
Status SnapshotBuilder::ReadMembers(const json::object& root) {
  EMU_TRY(members, Section(root, "members"));
  for (std::size_t i = 0; i < members->size(); ++i) {
    Reader r{(*members)[i].as_object(), "members[" + std::to_string(i) + "]"};
    EMU_TRY(ws, ReadWorkspaceRef(r, false));
    EMU_TRY(user_id, r.String("user_id"));
    EMU_TRY(user, r.String("user"));
    EMU_TRY(role, r.String("workspace_role"));
    std::optional<std::string> uref = user_id ? user_id : user;
    auto uid = uref ? UserRef(*uref) : std::nullopt;
    if (!uid) return Fail(Error::InvalidArgument(r.where + ": unknown user"));
    s.members.push_back(MemberRecord{*ws, *uid, role.value_or("workspace_developer"), TakeSeq(r)});
  }
  return {};
}

// API keys (after users and workspaces).
Status SnapshotBuilder::ReadApiKeys(const json::object& root) {
  EMU_TRY(keys, Section(root, "api_keys"));
  for (std::size_t i = 0; i < keys->size(); ++i) {
    Reader r{(*keys)[i].as_object(), "api_keys[" + std::to_string(i) + "]"};
    ApiKeyRecord k;
    EMU_TRY(id, r.String("id"));
    EMU_TRY(name, r.String("name"));
    EMU_TRY(value, r.String("value"));
    EMU_TRY(status, r.String("status"));
    EMU_TRY(created_by, r.String("created_by"));
    EMU_TRY(created, r.Time("created_at"));
    EMU_TRY(ws, ReadWorkspaceRef(r, true));
    k.id = id ? *id : MintId("apikey", rng);
    k.name = name.value_or("Key " + std::to_string(i + 1));
    k.value = value ? *value : MintKeyValue(rng);
    k.status = status.value_or("active");
    if (k.status != "active" && k.status != "inactive" && k.status != "archived") {
      return Fail(Error::InvalidArgument(r.where + ".status: must be active, inactive or archived"));
    }
    k.workspace_id = ws;
    if (created_by) {
      auto uid = UserRef(*created_by);
      k.created_by = uid.value_or(*created_by);
    } else if (!s.users.empty()) {
      k.created_by = s.users.front().id;
    } else {
      return Fail(Error::InvalidArgument(r.where + ".created_by: required when there are no users"));
    }
    k.created_at = created ? *created : NextTime();
    k.seq = TakeSeq(r);
    s.api_keys.push_back(std::move(k));
  }
  return {};
}

// Invites.
Status SnapshotBuilder::ReadInvites(const json::object& root) {
  EMU_TRY(invites, Section(root, "invites"));
  for (std::size_t i = 0; i < invites->size(); ++i) {
    Reader r{(*invites)[i].as_object(), "invites[" + std::to_string(i) + "]"};
    InviteRecord inv;
    EMU_TRY(id, r.String("id"));
    EMU_TRY(email, r.String("email"));
    EMU_TRY(role, r.String("role"));
    EMU_TRY(status, r.String("status"));
    EMU_TRY(invited, r.Time("invited_at"));
    EMU_TRY(expires, r.Time("expires_at"));
    EMU_TRY(accepted, r.Time("accepted_at"));
    if (!email || !LooksLikeEmail(*email)) return Fail(Error::InvalidArgument(r.where + ".email: required, an email"));
    inv.id = id ? *id : MintId("invite", rng);
    inv.email = *email;
    inv.role = role.value_or("user");
    inv.invited_at = invited ? *invited : NextTime();
    inv.expires_at = expires ? *expires : inv.invited_at + 21 * kMicrosPerDay;
    inv.status = status.value_or("pending");
    if (inv.status == "expired") inv.status = "pending";  // derived from expires_at
    inv.accepted_at = accepted;
    if (inv.status == "accepted" && !inv.accepted_at) inv.accepted_at = inv.invited_at + kMicrosPerDay;
    inv.seq = TakeSeq(r);
    s.invites.push_back(std::move(inv));
  }
  return {};
}

// Spend limits.
Status SnapshotBuilder::ReadSpendLimits(const json::object& root) {
  EMU_TRY(spend_limits, Section(root, "spend_limits"));
  for (std::size_t i = 0; i < spend_limits->size(); ++i) {
    Reader r{(*spend_limits)[i].as_object(), "spend_limits[" + std::to_string(i) + "]"};
    SpendLimitRecord l;
    EMU_TRY(id, r.String("id"));
    EMU_TRY(period, r.String("period"));
    EMU_TRY(amount, r.String("amount"));
    EMU_TRY(created, r.Time("created_at"));
    EMU_TRY(updated, r.Time("updated_at"));
    EMU_TRY(ws, ReadWorkspaceRef(r, true));
    if (!amount) return Fail(Error::InvalidArgument(r.where + ".amount: required"));
    l.id = id ? *id : MintId("spl", rng);
    l.workspace_id = ws;
    l.period = period.value_or("monthly");
    l.amount = *amount;
    l.created_at = created ? *created : NextTime();
    l.updated_at = updated ? *updated : l.created_at;
    l.seq = TakeSeq(r);
    s.spend_limits.push_back(std::move(l));
  }
  return {};
}

// Workspace rate-limit overrides: workspace → group → limiter type → value.
Status SnapshotBuilder::ReadRateLimitOverrides(const json::object& root) {
  if (auto it = root.find("rate_limit_overrides"); it != root.end() && it->value().is_object()) {
    for (const auto& [workspace, groups] : it->value().as_object()) {
      if (!groups.is_object()) return Fail(Error::InvalidArgument("rate_limit_overrides: expected objects"));
      for (const auto& [group, limits] : groups.as_object()) {
        if (!limits.is_object()) return Fail(Error::InvalidArgument("rate_limit_overrides: expected objects"));
        for (const auto& [type, value] : limits.as_object()) {
          if (!value.is_int64() && !value.is_uint64()) {
            return Fail(Error::InvalidArgument("rate_limit_overrides: expected integer values"));
          }
          s.rate_limit_overrides[std::string(workspace)][std::string(group)][std::string(type)] =
              value.to_number<std::int64_t>();
        }
      }
    }
  }
  return {};
}

// The emulator's switches.
Status SnapshotBuilder::ReadSettings(const json::object& root) {
  if (auto it = root.find("settings"); it != root.end() && it->value().is_object()) {
    const auto& o = it->value().as_object();
    if (auto e = o.find("spend_limits_enabled"); e != o.end() && e->value().is_bool()) {
      s.settings.spend_limits_enabled = e->value().as_bool();
    }
    if (auto e = o.find("analytics_enabled"); e != o.end() && e->value().is_bool()) {
      s.settings.analytics_enabled = e->value().as_bool();
    }
    if (auto e = o.find("org_active_api_keys_limit"); e != o.end() && e->value().is_number()) {
      s.settings.org_active_api_keys_limit = e->value().to_number<int>();
    }
    if (auto e = o.find("workspace_active_api_keys_limit"); e != o.end() && e->value().is_number()) {
      s.settings.workspace_active_api_keys_limit = e->value().to_number<int>();
    }
    if (auto e = o.find("usage_revision"); e != o.end() && e->value().is_number()) {
      s.settings.usage_revision = e->value().to_number<int>();
    }
    if (auto e = o.find("analytics_page_limit"); e != o.end() && e->value().is_number()) {
      s.settings.analytics_page_limit = e->value().to_number<int>();
    }
  }
  return {};
}

// Positions of deleted records (their ids are never reused).
Status SnapshotBuilder::ReadTombstones(const json::object& root) {
  if (auto it = root.find("tombstones"); it != root.end() && it->value().is_object()) {
    for (const auto& [k, v] : it->value().as_object()) {
      if (v.is_number()) {
        s.tombstones[std::string(k)] = v.to_number<std::uint64_t>();
        max_seq = std::max(max_seq, s.tombstones[std::string(k)]);
      }
    }
  }
  return {};
}

Snapshot SnapshotBuilder::Finish(const json::object& root) {
  // Records without a stored position (seed files) are numbered in file order after the rest.
  std::uint64_t next = max_seq + 1;
  auto number = [&](auto& items) {
    for (auto& item : items) {
      if (item.seq == 0) item.seq = next++;
    }
  };
  number(s.users);
  number(s.workspaces);
  number(s.members);
  number(s.api_keys);
  number(s.invites);
  number(s.spend_limits);
  s.next_seq = next;
  if (auto it = root.find("next_seq"); it != root.end() && it->value().is_number()) {
    s.next_seq = std::max(s.next_seq, it->value().to_number<std::uint64_t>());
  }
  auto by_seq = [](const auto& a, const auto& b) { return a.seq < b.seq; };
  std::sort(s.users.begin(), s.users.end(), by_seq);
  std::sort(s.workspaces.begin(), s.workspaces.end(), by_seq);
  std::sort(s.members.begin(), s.members.end(), by_seq);
  std::sort(s.api_keys.begin(), s.api_keys.end(), by_seq);
  std::sort(s.invites.begin(), s.invites.end(), by_seq);
  std::sort(s.spend_limits.begin(), s.spend_limits.end(), by_seq);
  return std::move(s);
}

}  // namespace

Result<Snapshot> SnapshotFromJsonText(std::string_view text, std::uint64_t seed) {
  boost::system::error_code ec;
  json::value root_value = json::parse(text, ec);
  if (ec) return Fail(Error::InvalidArgument("not valid JSON: " + ec.message()));
  if (!root_value.is_object()) return Fail(Error::InvalidArgument("expected a JSON object"));
  const auto& root = root_value.as_object();
  if (auto it = root.find("seed"); it != root.end() && it->value().is_number()) {
    seed = it->value().to_number<std::uint64_t>();
  }
  SnapshotBuilder builder(seed);
  for (auto read : {&SnapshotBuilder::ReadOrganization, &SnapshotBuilder::ReadUsers, &SnapshotBuilder::ReadWorkspaces,
                    &SnapshotBuilder::ReadMembers, &SnapshotBuilder::ReadApiKeys, &SnapshotBuilder::ReadInvites,
                    &SnapshotBuilder::ReadSpendLimits, &SnapshotBuilder::ReadRateLimitOverrides,
                    &SnapshotBuilder::ReadSettings, &SnapshotBuilder::ReadTombstones}) {
    if (auto read_section = (builder.*read)(root); !read_section) return Fail(read_section.error());
  }
  return builder.Finish(root);
}

#undef EMU_TRY

}  // namespace portal::emulator
