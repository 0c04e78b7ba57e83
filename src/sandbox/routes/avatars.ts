/** Avatar groups and looks (catalog §2.3): the public catalog plus the account's private avatars. */
import type { SandboxDeps, SandboxUrls } from "../deps.js";
import { notFound, ok, omitNull } from "../envelope.js";
import { PAGE_SPECS, paginate } from "../pagination.js";
import type { Router } from "../router.js";
import type { GroupSeed, LookSeed } from "../seed.js";
import { type Account, COLLECTIONS, type PrivateGroup, type PrivateLook, type Store } from "../store.js";
import { queryEnum, queryText } from "../validate.js";

const OWNERSHIP = ["public", "private"] as const;
const AVATAR_TYPES = ["studio_avatar", "digital_twin", "photo_avatar"] as const;

/** A group as GET /v3/avatars shows it; looks_count covers the account's own looks and the catalog's. */
export function renderGroup(g: GroupSeed, account: Account, { store, urls }: Pick<SandboxDeps, "store" | "urls">) {
  return omitNull(
    {
      id: g.id,
      name: g.name,
      created_at: g.created_at,
      looks_count: allLooks(account, store).filter((l) => l.group_id === g.id).length,
      gender: g.gender,
      default_voice_id: g.default_voice_id,
      preview_image_url: urls.media(g.preview_image),
      preview_video_url: urls.media(g.preview_video),
      consent_status: g.consent_status,
      status: g.status,
      error: g.error,
    },
    "status",
  );
}

/** A look as GET /v3/avatars/looks shows it. */
export function renderLook(l: LookSeed, urls: SandboxUrls) {
  return omitNull(
    {
      id: l.id,
      name: l.name,
      avatar_type: l.avatar_type,
      group_id: l.group_id,
      gender: l.gender,
      default_voice_id: l.default_voice_id,
      image_width: l.image_width,
      image_height: l.image_height,
      preferred_orientation: l.preferred_orientation,
      preview_image_url: urls.media(l.preview_image),
      preview_video_url: urls.media(l.preview_video),
      supported_api_engines: l.supported_api_engines,
      tags: l.tags,
      status: l.status,
      error: l.error,
    },
    "status",
    "preferred_orientation",
  );
}

const allLooks = (account: Account, store: Store): LookSeed[] => [
  ...account.collection<PrivateLook>(COLLECTIONS.avatarLooks).list(),
  ...store.catalog.looks,
];

export function avatarRoutes(r: Router, deps: SandboxDeps): void {
  const { store, urls } = deps;
  const allGroups = (account: Account): GroupSeed[] => [
    ...account.collection<PrivateGroup>(COLLECTIONS.avatarGroups).list(),
    ...store.catalog.groups,
  ];

  r.get("/v3/avatars", (req) => {
    const ownership = queryEnum(req.query, "ownership", OWNERSHIP);
    const groups = allGroups(req.account).filter((g) => !ownership || g.ownership === ownership);
    const items = groups.map((g) => renderGroup(g, req.account, deps));
    return paginate(items, req.query, PAGE_SPECS.avatarGroups, (g) => g.id);
  });

  r.get("/v3/avatars/looks", (req) => {
    const ownership = queryEnum(req.query, "ownership", OWNERSHIP);
    const avatarType = queryEnum(req.query, "avatar_type", AVATAR_TYPES);
    const groupId = queryText(req.query, "group_id");
    const looks = allLooks(req.account, store).filter(
      (l) =>
        (!ownership || l.ownership === ownership) &&
        (!avatarType || l.avatar_type === avatarType) &&
        (!groupId || l.group_id === groupId),
    );
    return paginate(
      looks.map((l) => renderLook(l, urls)),
      req.query,
      PAGE_SPECS.avatarLooks,
      (l) => l.id,
    );
  });

  r.get("/v3/avatars/looks/:look_id", (req) => {
    const look = store.findLook(req.account, req.params.look_id ?? "");
    if (!look) throw notFound("avatar_not_found", `Avatar look '${req.params.look_id}' was not found.`);
    return ok(renderLook(look, urls));
  });

  r.get("/v3/avatars/:group_id", (req) => {
    const group = store.findGroup(req.account, req.params.group_id ?? "");
    if (!group) {
      throw notFound("avatar_group_not_found", `Avatar group '${req.params.group_id}' was not found.`);
    }
    return ok(renderGroup(group, req.account, deps));
  });
}
