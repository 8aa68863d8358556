#include "domain/limits_service.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "core/log.hpp"
#include "domain/audit_service.hpp"
#include "domain/auth_service.hpp"

namespace portal::domain {
namespace {

// The limiter types a workspace override may name (Admin API 2026-10-21, BetaWorkspaceRateLimitType).
constexpr std::array<std::string_view, 9> kWorkspaceLimiterTypes = {"fast_itpmca",
                                                                    "fast_otpm",
                                                                    "input_tokens_per_minute",
                                                                    "input_tokens_per_minute_cache_aware",
                                                                    "output_tokens_per_minute",
                                                                    "requests_per_minute",
                                                                    "tokens_per_day",
                                                                    "tokens_per_minute",
                                                                    "tool_uses_per_second"};

bool IsWorkspaceLimiterType(std::string_view type) {
  return std::find(kWorkspaceLimiterTypes.begin(), kWorkspaceLimiterTypes.end(), type) != kWorkspaceLimiterTypes.end();
}

constexpr std::string_view kSpendScope = "spend";
constexpr std::string_view kDriftSetting = "limits.drift";
constexpr std::string_view kSpendType = "monthly_cents";
constexpr std::string_view kSpendNotEnabled = "anthropic_spend_limits_admin_api_writes_not_enabled";
constexpr std::size_t kMaxCentsDigits = 13;  // up to $99,999,999,999.99

template <typename T, typename List>
Result<std::vector<T>> Collect(List list) {
  std::vector<T> out;
  auto listed = list([&](std::span<const T> page) -> Status {
    out.insert(out.end(), page.begin(), page.end());
    return {};
  });
  if (!listed) return Fail(listed.error());
  return out;
}

LimitGroupView ViewOf(const RateLimitGroup& group) {
  LimitGroupView view{group.rate_limit_id, group.group_type, group.display_name, group.models, {}};
  for (const auto& l : group.limits) {
    view.limits.push_back({l.type, l.value, l.org_limit, l.source == "workspace"});
  }
  return view;
}

std::optional<std::int64_t> ParseCents(const std::string& text) {
  if (text.empty() || text.size() > kMaxCentsDigits) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  return std::stoll(text);
}

}  // namespace

Result<std::vector<WorkspaceRecord>> LimitsService::LinkedWorkspaces(const std::string& organization_id) {
  std::vector<WorkspaceRecord> out;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto org = tx.Organizations().FindById(organization_id);
    if (!org)
      return Fail(org.error().code == ErrorCode::kNotFound ? Error::NotFound("organization not found") : org.error());
    WorkspaceQuery query;
    query.organization_id = organization_id;
    query.page.limit = 500;
    for (;;) {
      auto page = tx.Workspaces().List(query);
      if (!page) return Fail(page.error());
      out.insert(out.end(), page->items.begin(), page->items.end());
      if (!page->next_cursor) return {};
      query.page.cursor = page->next_cursor;
    }
  });
  if (!read) return Fail(read.error());
  return out;
}

Result<OrganizationLimitsView> LimitsService::Get(const Actor& actor, const std::string& organization_id) {
  if (auto s = RequireOrganizationAccess(actor, organization_id); !s) {
    return Fail(Error::NotFound("organization not found"));
  }
  if (auto s = RequireRole(actor, {Role::kSuperAdmin, Role::kAdmin}); !s) return Fail(s.error());
  auto workspaces = LinkedWorkspaces(organization_id);
  if (!workspaces) return Fail(workspaces.error());
  auto client = connection_.Client();
  if (!client) return Fail(client.error());
  auto& admin = **client;

  OrganizationLimitsView view;
  view.organization_id = organization_id;
  auto ceiling = Collect<RateLimitGroup>(
      [&](const PageCallback<RateLimitGroup>& on_page) { return admin.ForEachOrganizationRateLimit(on_page); });
  if (!ceiling) return Fail(ceiling.error());
  for (const auto& group : *ceiling) view.organization_limits.push_back(ViewOf(group));

  std::map<std::string, SpendLimit> spend_by_workspace;
  auto spend =
      Collect<SpendLimit>([&](const PageCallback<SpendLimit>& on_page) { return admin.ForEachSpendLimit(on_page); });
  if (spend) {
    view.spend_limits_available = true;
    for (const auto& limit : *spend) {
      if (limit.scope_type == "workspace" && limit.workspace_id && limit.period == "monthly") {
        spend_by_workspace.emplace(*limit.workspace_id, limit);
      }
    }
  } else if (spend.error().api_code == kSpendNotEnabled ||
             spend.error().api_code == "anthropic_organization_type_not_supported") {
    view.spend_limits_unavailable_code = spend.error().api_code;
  } else {
    return Fail(spend.error());
  }

  for (const auto& workspace : *workspaces) {
    WorkspaceLimitsView ws{workspace.id, workspace.name, {}, std::nullopt};
    auto groups = Collect<RateLimitGroup>([&](const PageCallback<RateLimitGroup>& on_page) {
      return admin.ForEachWorkspaceRateLimit(workspace.id, true, on_page);
    });
    if (!groups) return Fail(groups.error());
    for (const auto& group : *groups) ws.groups.push_back(ViewOf(group));
    if (view.spend_limits_available) {
      SpendLimitView s;
      if (auto it = spend_by_workspace.find(workspace.id); it != spend_by_workspace.end()) {
        s.id = it->second.id;
        s.amount_cents = it->second.amount;
      }
      ws.spend = s;
    }

    // Drift: what the portal last set against what Anthropic has now.
    std::vector<LimitSetting> settings;
    auto read = store_.Read([&](Tx& tx) -> Status {
      auto found = tx.LimitSettings().ListForWorkspace(workspace.id);
      if (!found) return Fail(found.error());
      settings = std::move(*found);
      return {};
    });
    if (!read) return Fail(read.error());
    for (const auto& setting : settings) {
      std::optional<std::int64_t> actual;
      if (setting.scope == kSpendScope) {
        if (!ws.spend) continue;  // cannot be read without the preview
        if (ws.spend->amount_cents) actual = ParseCents(*ws.spend->amount_cents);
      } else {
        for (const auto& group : ws.groups) {
          if (group.rate_limit_id != setting.scope) continue;
          for (const auto& l : group.limits) {
            if (l.type == setting.limiter_type && l.overridden) actual = l.value;
          }
        }
      }
      if (actual != setting.value) {
        view.drift.push_back(
            {workspace.id, setting.scope, setting.limiter_type, setting.value, actual, setting.set_at});
      }
    }
    view.workspaces.push_back(std::move(ws));
  }
  if (auto s = RecordDrift({{organization_id, static_cast<std::int64_t>(view.drift.size())}}, false); !s) {
    log::Warn("limits_drift_not_recorded", {{"error", s.error().message}});
  }
  return view;
}

Result<std::map<std::string, std::int64_t>> ReadLimitDrift(Tx& tx) {
  std::map<std::string, std::int64_t> out;
  auto stored = tx.Settings().Get(kDriftSetting);
  if (!stored) return Fail(stored.error());
  if (!*stored) return out;
  boost::system::error_code ec;
  auto parsed = boost::json::parse(**stored, ec);
  if (ec || !parsed.is_object()) return out;
  for (const auto& [organization, count] : parsed.as_object()) {
    if (count.is_int64() && count.as_int64() > 0) out.emplace(std::string(organization), count.as_int64());
  }
  return out;
}

Status LimitsService::RecordDrift(const std::map<std::string, std::int64_t>& organizations, bool replace_all) {
  return store_.Write([&](Tx& tx) -> Status {
    auto current = ReadLimitDrift(tx);
    if (!current) return Fail(current.error());
    const auto before = *current;
    if (replace_all) current->clear();
    for (const auto& [organization, count] : organizations) {
      if (count > 0) {
        (*current)[organization] = count;
      } else {
        current->erase(organization);
      }
    }
    if (*current == before) return {};  // a read that found what was recorded writes nothing
    boost::json::object out;
    for (const auto& [organization, count] : *current) out[organization] = count;
    return tx.Settings().Put(kDriftSetting, boost::json::serialize(out), NowMs());
  });
}

Status LimitsService::CheckDrift() {
  std::set<std::string> organizations;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto workspaces = tx.LimitSettings().WorkspaceIds();
    if (!workspaces) return Fail(workspaces.error());
    for (const auto& id : *workspaces) {
      auto workspace = tx.Workspaces().FindById(id);
      if (workspace && workspace->organization_id && !workspace->archived_at) {
        organizations.insert(*workspace->organization_id);
      } else if (!workspace && workspace.error().code != ErrorCode::kNotFound) {
        return Fail(workspace.error());
      }
    }
    return {};
  });
  if (!read) return read;
  Actor system;
  system.role = Role::kSuperAdmin;
  system.request_id = "limits-drift";
  std::map<std::string, std::int64_t> found;
  for (const auto& organization : organizations) {
    auto view = Get(system, organization);
    if (!view) {
      if (view.error().code == ErrorCode::kNotFound) continue;  // deleted meanwhile
      return Fail(view.error());
    }
    found[organization] = static_cast<std::int64_t>(view->drift.size());
  }
  return RecordDrift(found, true);
}

Status LimitsService::CheckManaged(const Actor& actor, const std::string& organization_id,
                                   const std::string& workspace_id) {
  if (auto s = RequireOrganizationAccess(actor, organization_id); !s) {
    return Fail(Error::NotFound("organization not found"));
  }
  if (auto s = RequireRole(actor, {Role::kSuperAdmin}); !s) {
    return Fail(Error::Forbidden("only a SuperAdmin changes an organization's limits"));
  }
  return store_.Read([&](Tx& tx) -> Status {
    auto org = tx.Organizations().FindById(organization_id);
    if (!org)
      return Fail(org.error().code == ErrorCode::kNotFound ? Error::NotFound("organization not found") : org.error());
    auto workspace = tx.Workspaces().FindById(workspace_id);
    if (!workspace || workspace->organization_id != organization_id) {
      if (workspace || workspace.error().code == ErrorCode::kNotFound) {
        return Fail(Error::NotFound("workspace " + workspace_id + " is not linked to this organization")
                        .WithApiCode("workspace_not_linked"));
      }
      return Fail(workspace.error());
    }
    if (workspace->archived_at) {
      return Fail(Error::InvalidArgument("the workspace is archived").WithApiCode("workspace_archived"));
    }
    return {};
  });
}

Result<OrganizationLimitsView> LimitsService::SetRateLimits(const Actor& actor, const std::string& organization_id,
                                                            const std::string& workspace_id,
                                                            const std::string& rate_limit_id,
                                                            const std::vector<RateLimitChange>& changes) {
  if (changes.empty())
    return Fail(Error::InvalidArgument("limits: at least one limit is required").WithField("limits"));
  if (auto s = CheckManaged(actor, organization_id, workspace_id); !s) return Fail(s.error());
  auto client = connection_.Client();
  if (!client) return Fail(client.error());
  auto& admin = **client;
  // The ceiling: the Anthropic organization's own limits of this group.
  auto ceiling = Collect<RateLimitGroup>(
      [&](const PageCallback<RateLimitGroup>& on_page) { return admin.ForEachOrganizationRateLimit(on_page); });
  if (!ceiling) return Fail(ceiling.error());
  auto group = std::find_if(ceiling->begin(), ceiling->end(),
                            [&](const RateLimitGroup& g) { return g.rate_limit_id == rate_limit_id; });
  if (group == ceiling->end()) {
    return Fail(Error::NotFound("rate limit " + rate_limit_id + " not found").WithApiCode("rate_limit_not_found"));
  }
  for (const auto& change : changes) {
    auto org = std::find_if(group->limits.begin(), group->limits.end(),
                            [&](const RateLimitValue& v) { return v.type == change.type; });
    // A limiter type the organization does not limit may still be limited for a workspace (there
    // is then no ceiling); a type Anthropic does not have is refused.
    if (org == group->limits.end() && !IsWorkspaceLimiterType(change.type)) {
      return Fail(Error::InvalidArgument("limits: " + change.type + " is not a rate limiter type Anthropic knows")
                      .WithApiCode("limit_type_unknown")
                      .WithField("limits"));
    }
    if (change.value && *change.value < 1) {
      return Fail(Error::InvalidArgument("limits: " + change.type + " must be at least 1").WithField("limits"));
    }
    if (change.value && org != group->limits.end() && *change.value > org->value) {
      return Fail(Error::InvalidArgument("limits: " + change.type + " may not exceed the organization's limit of " +
                                         std::to_string(org->value))
                      .WithApiCode("limit_above_organization")
                      .WithField("limits"));
    }
  }
  auto set = admin.SetWorkspaceRateLimits(workspace_id, rate_limit_id, changes);
  if (!set) return Fail(set.error());
  const auto now = NowMs();
  auto wrote = store_.Write([&](Tx& tx) -> Status {
    std::string summary;
    for (const auto& change : changes) {
      if (auto s = tx.LimitSettings().Put({workspace_id, rate_limit_id, change.type, change.value, actor.user_id, now});
          !s) {
        return s;
      }
      if (!summary.empty()) summary += ", ";
      summary += change.type + "=" + (change.value ? std::to_string(*change.value) : std::string("inherited"));
    }
    return tx.Audit().Append(
        MakeAuditEvent(actor.user_id, "organization.rate_limits_set", "organization", organization_id, organization_id,
                       actor.request_id, now,
                       AuditDetails()
                           .Add("workspaceId", workspace_id)
                           .Add("rateLimitId", rate_limit_id)
                           .Add("group", group->display_name.empty() ? group->group_type : group->display_name)
                           .Add("limits", summary)
                           .Json()));
  });
  if (!wrote) return Fail(wrote.error());
  return Get(actor, organization_id);
}

Result<OrganizationLimitsView> LimitsService::SetSpendLimit(const Actor& actor, const std::string& organization_id,
                                                            const std::string& workspace_id,
                                                            const std::optional<std::string>& amount_cents) {
  std::optional<std::int64_t> cents;
  if (amount_cents) {
    cents = ParseCents(*amount_cents);
    if (!cents) {
      return Fail(
          Error::InvalidArgument("amountCents: a whole number of cents, at most 13 digits").WithField("amountCents"));
    }
  }
  if (auto s = CheckManaged(actor, organization_id, workspace_id); !s) return Fail(s.error());
  auto client = connection_.Client();
  if (!client) return Fail(client.error());
  auto& admin = **client;
  if (amount_cents) {
    auto set = admin.SetSpendLimit(workspace_id, std::to_string(*cents));
    if (!set) return Fail(set.error());
  } else {
    auto limits =
        Collect<SpendLimit>([&](const PageCallback<SpendLimit>& on_page) { return admin.ForEachSpendLimit(on_page); });
    if (!limits) return Fail(limits.error());
    for (const auto& limit : *limits) {
      if (limit.scope_type != "workspace" || limit.workspace_id != workspace_id) continue;
      if (auto s = admin.DeleteSpendLimit(limit.id); !s) return Fail(s.error());
    }
  }
  const auto now = NowMs();
  auto wrote = store_.Write([&](Tx& tx) -> Status {
    if (auto s = tx.LimitSettings().Put(
            {workspace_id, std::string(kSpendScope), std::string(kSpendType), cents, actor.user_id, now});
        !s) {
      return s;
    }
    AuditDetails details;
    details.Add("workspaceId", workspace_id);
    cents ? details.Add("amountCents", *cents) : details.AddNull("amountCents");
    return tx.Audit().Append(MakeAuditEvent(actor.user_id, "organization.spend_limit_set", "organization",
                                            organization_id, organization_id, actor.request_id, now, details.Json()));
  });
  if (!wrote) return Fail(wrote.error());
  return Get(actor, organization_id);
}

}  // namespace portal::domain
