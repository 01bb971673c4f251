import { defineRule } from './define-rule.ts';

export const dp800 = defineRule({
  id: 'DP800',
  name: 'linked-anchor-removed',
  title: 'A packet or acceptance criterion that another record links to is not removed',
  refusal: 14,
  hint: 'Keep the packet or criterion (name the criterion with {#name} so rewording or reordering keeps its anchor), or update the records that link to it in the same change.',
  messages: {
    packet: (d: { packet: string }) => `the change removes the packet "${d.packet}", and this record still links to it.`,
    packetInField: (d: { field: string; packet: string }) =>
      `${d.field}: the change removes the packet "${d.packet}", and this record still links to it.`,
    anchor: (d: { anchor: string; packet: string }) =>
      `the change removes the acceptance criterion "#${d.anchor}" of the packet "${d.packet}", and this record still links to it.`,
    anchorInField: (d: { field: string; anchor: string; packet: string }) =>
      `${d.field}: the change removes the acceptance criterion "#${d.anchor}" of the packet "${d.packet}", and this record still links to it.`,
  },
});
