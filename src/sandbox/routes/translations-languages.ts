/**
 * The target languages of video translation (GET /v3/video-translations/languages), as HeyGen names
 * them — display names, some with a region or script — each with a BCP-47 code for proofreads, which
 * the docs describe with codes. Plus small, real subtitle files in those languages.
 */

export interface TranslationLanguage {
  name: string;
  code: string;
}

const RAW: [string, string][] = [
  ["English", "en"],
  ["English (United States)", "en-US"],
  ["English (UK)", "en-GB"],
  ["English (Australia)", "en-AU"],
  ["English (India)", "en-IN"],
  ["Spanish (Spain)", "es-ES"],
  ["Spanish (Mexico)", "es-MX"],
  ["Spanish (Argentina)", "es-AR"],
  ["Spanish (Colombia)", "es-CO"],
  ["French (France)", "fr-FR"],
  ["French (Canada)", "fr-CA"],
  ["German (Germany)", "de-DE"],
  ["German (Switzerland)", "de-CH"],
  ["Italian (Italy)", "it-IT"],
  ["Portuguese (Brazil)", "pt-BR"],
  ["Portuguese (Portugal)", "pt-PT"],
  ["Dutch (Netherlands)", "nl-NL"],
  ["Dutch (Belgium)", "nl-BE"],
  ["Polish (Poland)", "pl-PL"],
  ["Czech (Czechia)", "cs-CZ"],
  ["Slovak (Slovakia)", "sk-SK"],
  ["Hungarian (Hungary)", "hu-HU"],
  ["Romanian (Romania)", "ro-RO"],
  ["Bulgarian (Bulgaria)", "bg-BG"],
  ["Croatian (Croatia)", "hr-HR"],
  ["Serbian (Serbia)", "sr-RS"],
  ["Slovenian (Slovenia)", "sl-SI"],
  ["Greek (Greece)", "el-GR"],
  ["Swedish (Sweden)", "sv-SE"],
  ["Norwegian Bokmål (Norway)", "nb-NO"],
  ["Danish (Denmark)", "da-DK"],
  ["Finnish (Finland)", "fi-FI"],
  ["Estonian (Estonia)", "et-EE"],
  ["Latvian (Latvia)", "lv-LV"],
  ["Lithuanian (Lithuania)", "lt-LT"],
  ["Ukrainian (Ukraine)", "uk-UA"],
  ["Russian (Russia)", "ru-RU"],
  ["Turkish (Turkey)", "tr-TR"],
  ["Arabic (Saudi Arabia)", "ar-SA"],
  ["Arabic (Egypt)", "ar-EG"],
  ["Arabic (United Arab Emirates)", "ar-AE"],
  ["Hebrew (Israel)", "he-IL"],
  ["Persian (Iran)", "fa-IR"],
  ["Urdu (Pakistan)", "ur-PK"],
  ["Hindi (India)", "hi-IN"],
  ["Bengali (India)", "bn-IN"],
  ["Tamil (India)", "ta-IN"],
  ["Telugu (India)", "te-IN"],
  ["Marathi (India)", "mr-IN"],
  ["Gujarati (India)", "gu-IN"],
  ["Kannada (India)", "kn-IN"],
  ["Malayalam (India)", "ml-IN"],
  ["Punjabi (India)", "pa-IN"],
  ["Chinese (Mandarin, Simplified)", "zh-CN"],
  ["Chinese (Taiwanese Mandarin, Traditional)", "zh-TW"],
  ["Chinese (Cantonese, Traditional)", "zh-HK"],
  ["Japanese (Japan)", "ja-JP"],
  ["Korean (Korea)", "ko-KR"],
  ["Vietnamese (Vietnam)", "vi-VN"],
  ["Thai (Thailand)", "th-TH"],
  ["Indonesian (Indonesia)", "id-ID"],
  ["Malay (Malaysia)", "ms-MY"],
  ["Filipino (Philippines)", "fil-PH"],
  ["Swahili (Kenya)", "sw-KE"],
  ["Afrikaans (South Africa)", "af-ZA"],
  ["Zulu (South Africa)", "zu-ZA"],
  ["Amharic (Ethiopia)", "am-ET"],
  ["Catalan (Spain)", "ca-ES"],
  ["Galician (Spain)", "gl-ES"],
  ["Basque (Spain)", "eu-ES"],
  ["Welsh (United Kingdom)", "cy-GB"],
  ["Irish (Ireland)", "ga-IE"],
  ["Icelandic (Iceland)", "is-IS"],
];

export const LANGUAGES: readonly TranslationLanguage[] = RAW.map(([name, code]) => ({ name, code }));

/** Three cues per base language; other languages get English lines tagged with the language. */
const LINES: Record<string, [string, string, string]> = {
  en: ["Hello, and welcome.", "This video was translated in the HeyGen sandbox.", "Thanks for watching."],
  es: ["Hola y bienvenidos.", "Este vídeo se tradujo en el sandbox de HeyGen.", "Gracias por vernos."],
  fr: ["Bonjour et bienvenue.", "Cette vidéo a été traduite dans le sandbox HeyGen.", "Merci de nous avoir regardés."],
  de: ["Hallo und willkommen.", "Dieses Video wurde in der HeyGen-Sandbox übersetzt.", "Danke fürs Zuschauen."],
  it: ["Ciao e benvenuti.", "Questo video è stato tradotto nella sandbox di HeyGen.", "Grazie per la visione."],
  pt: ["Olá e bem-vindos.", "Este vídeo foi traduzido no sandbox da HeyGen.", "Obrigado por assistir."],
  nl: ["Hallo en welkom.", "Deze video is vertaald in de HeyGen-sandbox.", "Bedankt voor het kijken."],
  ja: ["こんにちは、ようこそ。", "この動画はHeyGenサンドボックスで翻訳されました。", "ご視聴ありがとうございました。"],
  zh: ["大家好，欢迎。", "本视频由 HeyGen 沙盒翻译。", "感谢观看。"],
  ko: ["안녕하세요, 환영합니다.", "이 영상은 HeyGen 샌드박스에서 번역되었습니다.", "시청해 주셔서 감사합니다."],
  hi: ["नमस्ते, और स्वागत है।", "यह वीडियो HeyGen सैंडबॉक्स में अनुवादित किया गया।", "देखने के लिए धन्यवाद।"],
};

const CUE_SECONDS = 3;

const stamp = (seconds: number, sep: "," | ".") => {
  const hh = String(Math.floor(seconds / 3600)).padStart(2, "0");
  const mm = String(Math.floor((seconds % 3600) / 60)).padStart(2, "0");
  const ss = String(seconds % 60).padStart(2, "0");
  return `${hh}:${mm}:${ss}${sep}000`;
};

/** A small SRT (or WebVTT) file in `languageName`. */
export function subtitleText(languageName: string, format: "srt" | "vtt" = "srt"): string {
  const code = LANGUAGES.find((l) => l.name === languageName)?.code ?? "en";
  const base = code.split("-")[0] ?? "en";
  const lines = LINES[base] ?? LINES.en?.map((l) => `[${languageName}] ${l}`) ?? [];
  const sep = format === "vtt" ? "." : ",";
  const cues = lines.map((text, i) => {
    const timing = `${stamp(i * CUE_SECONDS, sep)} --> ${stamp((i + 1) * CUE_SECONDS, sep)}`;
    return format === "vtt" ? `${timing}\n${text}\n` : `${i + 1}\n${timing}\n${text}\n`;
  });
  return `${format === "vtt" ? "WEBVTT\n\n" : ""}${cues.join("\n")}`;
}
