// The package's entry (`import { decisionPacket } from 'decision-packet'`): the Astro integration
// for a team's own Astro site, its Starlight plugin and content loader, and the standalone site's configuration.
export { decisionPacket, type DecisionPacketOptions } from './integration/decision-packet.ts';
export { packetSiteConfig, type PacketSiteOptions } from './integration/astro-config.ts';
export { starlightDecisionPacket, type StarlightDecisionPacketOptions } from './starlight/plugin.ts';
export { decisionPackets, decisionWorkItems, decisionEvidence, type DecisionLoaderOptions } from './loader/loaders.ts';
