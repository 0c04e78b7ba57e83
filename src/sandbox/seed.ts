/**
 * The seeded public catalog, shared read-only by every account: 6 avatar groups with 2–3 looks each
 * and 12 voices across languages, genders and engines. Ids are stable across runs.
 * Preview fields hold a file under /media (resolved to the sandbox URL when rendered) or an absolute URL.
 */

export type Gender = "male" | "female";
export type AvatarType = "studio_avatar" | "digital_twin" | "photo_avatar";
export type TrainingStatus = "processing" | "pending_consent" | "failed" | "completed";
export type Engine = "avatar_v" | "avatar_iv" | "avatar_iii";

export interface VoiceSeed {
  voice_id: string;
  name: string;
  language: string;
  gender: Gender;
  type: "public" | "private";
  support_pause: boolean;
  support_locale: boolean;
  support_interactive_avatar: boolean;
  /** TTS engines this voice works with (filter `engine`, engine_settings compatibility). */
  engines: string[];
  preview_audio: string | null;
  created_at: number;
  status: "processing" | "complete" | "failed" | null;
  failure_message: string | null;
}

export interface GroupSeed {
  id: string;
  name: string;
  gender: Gender | null;
  default_voice_id: string | null;
  created_at: number;
  preview_image: string | null;
  preview_video: string | null;
  consent_status: string | null;
  status: TrainingStatus | null;
  error: { code: string; message: string } | null;
  ownership: "public" | "private";
}

export interface LookSeed {
  id: string;
  name: string;
  group_id: string;
  avatar_type: AvatarType;
  gender: Gender | null;
  default_voice_id: string | null;
  image_width: number | null;
  image_height: number | null;
  preferred_orientation: "portrait" | "landscape" | "square" | null;
  supported_api_engines: Engine[];
  tags: string[];
  preview_image: string | null;
  preview_video: string | null;
  status: TrainingStatus | null;
  error: { code: string; message: string } | null;
  ownership: "public" | "private";
  /** Trained with matting: supports `remove_background` and webm output. */
  matting: boolean;
}

export interface Catalog {
  groups: GroupSeed[];
  looks: LookSeed[];
  voices: VoiceSeed[];
}

const VOICE_ROWS: [string, string, string, Gender, string[], boolean][] = [
  ["46418db3beab335bc75fbb44ec110699", "Allison - Warm", "English", "female", ["starfish", "elevenlabs"], true],
  ["ec7284d21852b60e09c0e3c0930ee904", "Brian - Narrator", "English", "male", ["starfish"], true],
  ["02206c23b72b37fbca2129ea8451cc6e", "Hope - Upbeat", "English", "female", ["elevenlabs"], false],
  ["168a96003ee9d13e899bb1ce71ef827f", "Marcus - Confident", "English", "male", ["elevenlabs", "fish"], false],
  ["647e3b6eb42473a9594e36143eb4e9f8", "Lucía - Natural", "Spanish", "female", ["starfish"], true],
  ["d32f73be8d5fc3434e1be677c6c27475", "Diego - Friendly", "Spanish", "male", ["elevenlabs"], true],
  ["ae6f1a3e48018b1ca0139a635120e906", "Camille - Calm", "French", "female", ["starfish"], true],
  ["26133cb81915318f2bde476465384156", "Lukas - Professional", "German", "male", ["starfish", "fish"], false],
  ["7300fd9af28bfa04cf0df61d10f705e0", "Yuki - Bright", "Japanese", "female", ["fish"], false],
  ["97cd2195c4b8d41518bfb75a7a19667b", "Rafael - Warm", "Portuguese", "male", ["starfish"], true],
  ["6cc878745c878203cef618b91458e8d5", "Priya - Clear", "Hindi", "female", ["elevenlabs"], true],
  ["96a9d6094e16ba279f6ef49a8e0a5eb9", "Wei - Steady", "Chinese", "male", ["starfish"], false],
];

const VOICES: VoiceSeed[] = VOICE_ROWS.map(([voice_id, name, language, gender, engines, locale], i) => ({
  voice_id,
  name,
  language,
  gender,
  type: "public",
  support_pause: engines.includes("starfish"),
  support_locale: locale,
  support_interactive_avatar: i % 3 === 0,
  engines,
  preview_audio: "voice-preview.mp3",
  created_at: 1_717_200_000 + i * 86_400,
  status: null,
  failure_message: null,
}));

const voiceIdOf = (name: string): string => VOICES.find((v) => v.name.startsWith(name))?.voice_id ?? "";

type LookRow = [
  id: string,
  name: string,
  engines: Engine[],
  orientation: "portrait" | "landscape" | "square",
  tags: string[],
];

interface GroupRow {
  id: string;
  name: string;
  gender: Gender;
  voice: string;
  type: AvatarType;
  looks: LookRow[];
}

const ALL: Engine[] = ["avatar_v", "avatar_iv", "avatar_iii"];
const IV_III: Engine[] = ["avatar_iv", "avatar_iii"];
const SIZES = { landscape: [1920, 1080], portrait: [1080, 1920], square: [1024, 1024] } as const;

const GROUP_ROWS: GroupRow[] = [
  {
    id: "154c05ba176fe4bc90d320c0df21229d",
    name: "Abigail",
    gender: "female",
    voice: "Allison",
    type: "studio_avatar",
    looks: [
      ["Abigail_expressive_2024112501", "Abigail Expressive", ALL, "landscape", ["expressive", "business"]],
      ["Abigail_standing_office_front", "Abigail in the Office", IV_III, "landscape", ["office", "standing"]],
      ["Abigail_sitting_sofa_side", "Abigail on the Sofa", IV_III, "landscape", ["casual", "sitting"]],
    ],
  },
  {
    id: "1ede1a12e954c7aa9dffce4beb166671",
    name: "Brandon",
    gender: "male",
    voice: "Brian",
    type: "studio_avatar",
    looks: [
      ["Brandon_expressive_2024120201", "Brandon Expressive", ALL, "landscape", ["expressive", "business"]],
      ["Brandon_business_standing_front", "Brandon in a Suit", IV_III, "portrait", ["business", "standing"]],
    ],
  },
  {
    id: "8797936939412bec4434063b09e070b5",
    name: "Chen",
    gender: "male",
    voice: "Wei",
    type: "studio_avatar",
    looks: [
      ["Chen_casual_2025011501", "Chen Casual", ALL, "landscape", ["casual"]],
      ["Chen_studio_front_portrait", "Chen in the Studio", IV_III, "portrait", ["studio", "education"]],
    ],
  },
  {
    id: "1878d28cb6187866392d8a3702e67c82",
    name: "Daphne",
    gender: "female",
    voice: "Hope",
    type: "photo_avatar",
    looks: [
      ["Daphne_photo_garden_2025021001", "Daphne in the Garden", IV_III, "square", ["photo", "outdoor"]],
      ["Daphne_photo_cafe_2025021002", "Daphne at the Café", IV_III, "square", ["photo", "lifestyle"]],
    ],
  },
  {
    id: "657b56375503f39d8cf86998af1123ef",
    name: "Elena",
    gender: "female",
    voice: "Lucía",
    type: "studio_avatar",
    looks: [
      ["Elena_expressive_2025030301", "Elena Expressive", ALL, "landscape", ["expressive", "news"]],
      ["Elena_news_desk_front", "Elena at the News Desk", IV_III, "landscape", ["news", "sitting"]],
      ["Elena_outdoor_walk_side", "Elena Outdoors", IV_III, "portrait", ["outdoor", "lifestyle"]],
    ],
  },
  {
    id: "47bc38298fc1d030db0ec527ad916b20",
    name: "Marcus",
    gender: "male",
    voice: "Marcus",
    type: "studio_avatar",
    looks: [
      ["Marcus_expressive_2025040701", "Marcus Expressive", ALL, "landscape", ["expressive", "sales"]],
      ["Marcus_podcast_mic_front", "Marcus Podcasting", IV_III, "square", ["podcast", "sitting"]],
    ],
  },
];

const GROUPS: GroupSeed[] = GROUP_ROWS.map((g, i) => ({
  id: g.id,
  name: g.name,
  gender: g.gender,
  default_voice_id: voiceIdOf(g.voice),
  created_at: 1_732_500_000 + i * 604_800,
  preview_image: "preview.png",
  preview_video: "video.mp4",
  consent_status: null,
  status: null,
  error: null,
  ownership: "public",
}));

const LOOKS: LookSeed[] = GROUP_ROWS.flatMap((g) =>
  g.looks.map(([id, name, engines, orientation, tags]) => ({
    id,
    name,
    group_id: g.id,
    avatar_type: g.type,
    gender: g.gender,
    default_voice_id: voiceIdOf(g.voice),
    image_width: SIZES[orientation][0],
    image_height: SIZES[orientation][1],
    preferred_orientation: orientation,
    supported_api_engines: engines,
    tags,
    preview_image: "preview.png",
    preview_video: g.type === "photo_avatar" ? null : "video.mp4",
    status: null,
    error: null,
    ownership: "public",
    matting: engines.includes("avatar_v"),
  })),
);

export const CATALOG: Catalog = Object.freeze({ groups: GROUPS, looks: LOOKS, voices: VOICES });
