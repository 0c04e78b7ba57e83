/**
 * Private avatars this sandbox trains (see avatars-manage.ts): the managed look and group records,
 * their training state derived from the clock, the sweep that copies it onto the shared records, and
 * the training webhooks.
 */
import { type JobPlan, jobPhase } from "../jobs.js";
import type { AvatarType, Engine, LookSeed, TrainingStatus } from "../seed.js";
import { type Account, COLLECTIONS, type PrivateGroup, type PrivateLook } from "../store.js";
import { type JobEvent, registerWebhookSource } from "../webhook-delivery.js";

export type Kind = "prompt" | "photo" | "digital_twin";

/** A look this module created: the seed shape plus how it trains. */
export interface ManagedLook extends PrivateLook {
  managed: true;
  kind: Kind;
  /** The planned outcome ([sandbox:fail] in the input), kept until a digital twin's job is planned. */
  failure: JobPlan["failure"];
  /** Set at creation, or (digital twin) once consent is given. */
  job?: JobPlan;
}

export interface ManagedGroup extends PrivateGroup {
  managed: true;
}

export const COST_USD: Record<Kind, number> = { prompt: 0, photo: 1, digital_twin: 1 };
/** Nominal "output length" for planJob: realistic timing then trains for ~3.5 minutes. */
export const TRAIN_SECONDS = 30;
export const IV_III: Engine[] = ["avatar_iv", "avatar_iii"];
export const ALL_ENGINES: Engine[] = ["avatar_v", "avatar_iv", "avatar_iii"];

export const groupsOf = (account: Account) => account.collection<ManagedGroup>(COLLECTIONS.avatarGroups);
export const looksOf = (account: Account) => account.collection<ManagedLook>(COLLECTIONS.avatarLooks);

/** Training state of a managed look at `now`. */
function lookState(look: ManagedLook, now: number): { status: TrainingStatus; error: LookSeed["error"] } {
  if (!look.job) return { status: "pending_consent", error: null };
  const phase = jobPhase(look.job, now);
  if (phase === "failed") return { status: "failed", error: look.job.failure };
  return { status: phase === "completed" ? "completed" : "processing", error: null };
}

/** A group's status from its own looks: pending_consent > processing > completed > failed. */
function groupStatus(looks: ManagedLook[]): TrainingStatus {
  const statuses = new Set(looks.map((l) => l.status));
  for (const s of ["pending_consent", "processing", "completed"] as const) if (statuses.has(s)) return s;
  return "failed";
}

/** Copies the clock-derived state onto the records the core's routes render. */
export function syncAccountAvatars(account: Account, now: number): void {
  const looks = looksOf(account)
    .list()
    .filter((l) => l.managed);
  for (const look of looks) {
    const { status, error } = lookState(look, now);
    look.status = status;
    look.error = error;
    look.preview_image = status === "completed" ? "preview.png" : null;
    look.preview_video = status === "completed" && look.kind === "digital_twin" ? "video.mp4" : null;
  }
  for (const group of groupsOf(account).list()) {
    if (!group.managed) continue;
    const own = looks.filter((l) => l.group_id === group.id);
    if (own.length === 0) continue;
    group.status = groupStatus(own);
    group.error = group.status === "failed" ? (own[0]?.error ?? null) : null;
    const ready = own.find((l) => l.status === "completed");
    group.preview_image = ready ? "preview.png" : null;
    group.preview_video = ready?.preview_video ?? null;
  }
}

/** The `avatar_type` a creation arm produces. */
export const AVATAR_TYPE: Record<Kind, AvatarType> = {
  prompt: "photo_avatar",
  photo: "photo_avatar",
  digital_twin: "digital_twin",
};

const EVENT_FAMILY: Record<Kind, string> = {
  prompt: "photo_avatar_generation",
  photo: "photo_avatar_train",
  digital_twin: "instant_avatar",
};

registerWebhookSource(COLLECTIONS.avatarLooks, (record, outcome): JobEvent | null => {
  const look = record as ManagedLook;
  if (!look.managed) return null;
  const failed = outcome === "failed";
  return {
    type: `${EVENT_FAMILY[look.kind]}.${failed ? "fail" : "success"}` as JobEvent["type"],
    entityId: look.id,
    callbackUrl: null,
    data: {
      avatar_id: look.id,
      avatar_group_id: look.group_id,
      status: outcome,
      ...(failed ? { message: look.job?.failure?.message ?? null } : {}),
    },
  };
});
