#include "domain/dashboard_service.hpp"

#include "domain/limits_service.hpp"
#include "domain/sync_service.hpp"

namespace portal::domain {
namespace {

constexpr int kMaxCards = 500;

// Appends an alert for every active user of `query` whose key is not usable (all pages).
Status CollectDrift(Tx& tx, UserQuery query, std::vector<DriftAlert>& alerts) {
  query.status = UserStatus::kActive;
  query.page.limit = 500;
  while (true) {
    auto page = tx.Users().List(query);
    if (!page) return Fail(page.error());
    for (const auto& [user, organization_name, held] : page->items) {
      auto key = HeldKeyBrief(user.api_key_id, held);
      if (key && !IsUsable(*key)) alerts.push_back({user.id, user.name, user.email, user.organization_id, *key});
    }
    if (!page->next_cursor) return {};
    query.page.cursor = page->next_cursor;
  }
}

}  // namespace

Result<Dashboard> DashboardService::Get(const Actor& actor) {
  Dashboard out;
  auto read = store_.Read([&](Tx& tx) -> Status {
    if (IsSuperAdmin(actor)) {
      OrganizationQuery query;
      query.page.limit = kMaxCards;
      auto orgs = tx.Organizations().List(query);
      if (!orgs) return Fail(orgs.error());
      out.counts.organizations = orgs->total;
      auto summaries = SummarizeOrganizations(tx, std::move(orgs->items));
      if (!summaries) return Fail(summaries.error());
      out.organizations = std::move(*summaries);
      auto users = tx.Users().Count();
      if (!users) return Fail(users.error());
      out.counts.users = *users;
      WorkspaceQuery workspaces;
      workspaces.page.limit = 1;
      auto ws = tx.Workspaces().List(workspaces);
      if (!ws) return Fail(ws.error());
      out.counts.workspaces = ws->total;
      auto keys = tx.ApiKeys().Count();
      if (!keys) return Fail(keys.error());
      out.counts.api_keys = *keys;
      if (auto s = CollectDrift(tx, {}, out.alerts); !s) return s;
    } else if (actor.organization_id) {
      auto own = tx.Organizations().FindById(*actor.organization_id);
      if (!own) return Fail(own.error());
      auto summary = SummarizeOrganization(tx, std::move(*own));
      if (!summary) return Fail(summary.error());
      out.counts = {1, summary->member_count, summary->workspace_count, summary->api_key_count};
      out.organizations.push_back(std::move(*summary));
      if (actor.role == Role::kAdmin) {
        UserQuery members;
        members.organization_id = actor.organization_id;
        if (auto s = CollectDrift(tx, members, out.alerts); !s) return s;
      } else {
        auto me = tx.Users().FindById(actor.user_id);
        if (!me) return Fail(me.error());
        auto key = LoadApiKeyBrief(tx, me->api_key_id);
        if (!key) return Fail(key.error());
        if (*key && !IsUsable(**key)) out.alerts.push_back({me->id, me->name, me->email, me->organization_id, **key});
      }
    }
    if (actor.role != Role::kUser) {
      auto drift = ReadLimitDrift(tx);
      if (!drift) return Fail(drift.error());
      for (const auto& [organization_id, changes] : *drift) {
        if (!IsSuperAdmin(actor) && organization_id != actor.organization_id) continue;
        auto org = tx.Organizations().FindById(organization_id);
        if (!org) {
          if (org.error().code == ErrorCode::kNotFound) continue;
          return Fail(org.error());
        }
        out.limit_alerts.push_back({organization_id, org->name, changes});
      }
      auto latest = tx.SyncRuns().Latest();
      if (!latest) return Fail(latest.error());
      out.last_sync = std::move(*latest);
      if (out.last_sync) {
        if (auto s = ScopeSyncRun(tx, actor, *out.last_sync); !s) return s;
      }
    }
    return {};
  });
  if (!read) return Fail(read.error());
  return out;
}

}  // namespace portal::domain
