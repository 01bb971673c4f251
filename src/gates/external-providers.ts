// The maintained list of external provider/model markers that a Branch B record may never name (rule DP401).
//
// Each marker is matched case-insensitively (after Unicode NFKC folding) as a whole word: it must
// not be preceded by a letter or digit, and, when it ends in a letter, not be followed by a letter.
// A digit may follow ("gpt4", "claude3"), and "-", "_", ".", "/" and spaces are boundaries, so
// `claude-sonnet-4-6`, `external_anthropic` and `OpenAI/gpt-4o` are caught, while `local-only`,
// "provider", `llama-3-8b-gptq` (gpt + q) or `googleapis` are not.
//
// Maintenance: add a vendor or a model family name here (lowercase) when it offers a hosted API;
// keep open-weight families that are commonly run locally (llama, qwen, phi, deepseek, …) and
// common words ("perplexity", "replicate") off the list.
// "mistral" stays on it deliberately: a Mistral name in a Branch B record reads as the hosted API.
export const EXTERNAL_PROVIDER_MARKERS: readonly string[] = [
  // Anthropic
  'anthropic',
  'claude',
  // OpenAI (and Azure's hosting of it)
  'openai',
  'open-ai',
  'chatgpt',
  'gpt', // gpt-4o, gpt-5, gpt4 …
  'davinci',
  'azure-openai',
  'azure',
  // Google
  'google',
  'gemini',
  'vertex',
  'vertexai',
  'palm2',
  // Mistral AI (hosted API)
  'mistral',
  'mixtral',
  'codestral',
  // Cohere
  'cohere',
  'command-r',
  // AWS
  'bedrock',
  // Other hosted inference APIs
  'xai',
  'grok',
  'groq',
  'perplexity.ai',
  'perplexity-ai',
  'pplx',
  'ai21',
  'together.ai',
  'togetherai',
  'fireworks.ai',
  'fireworks-ai',
  'openrouter',
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const markerPattern = new RegExp(
  EXTERNAL_PROVIDER_MARKERS.map((marker) => {
    const tail = /[a-z]$/.test(marker) ? '(?![\\p{L}])' : /[0-9]$/.test(marker) ? '(?![\\p{L}\\p{N}])' : '';
    return `(?<![\\p{L}\\p{N}])${escapeRegExp(marker)}${tail}`;
  }).join('|'),
  'u',
);

/** Does the text name an external provider or model from EXTERNAL_PROVIDER_MARKERS? */
export function namesExternalProvider(text: string): boolean {
  return markerPattern.test(text.normalize('NFKC').toLowerCase());
}
