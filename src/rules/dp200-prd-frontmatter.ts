import { defineRule } from './define-rule.ts';
import { schemaMessage } from './schema-message.ts';

export const dp200 = defineRule({
  id: 'DP200',
  name: 'prd-frontmatter',
  title: 'PRD frontmatter has exactly the core fields and the declared ones',
  refusal: 13,
  hint: 'PRD frontmatter takes title, status (draft | active | superseded | retired), owner, created and last_reviewed (YYYY-MM-DD, quoted or not), plus the fields kinds/prd-frontmatter.yaml declares, if that file exists.',
  messages: {
    ...schemaMessage,
  },
});
