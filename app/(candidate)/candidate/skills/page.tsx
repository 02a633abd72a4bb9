import type { Metadata } from 'next';
import { MySkills } from '@/components/skills/my-skills';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Skills' };

export default function SkillsPage() {
  return (
    <div>
      <PageHeader
        title="Skills"
        description="Skills mapped from your credentials to the ESCO and O*NET taxonomies."
      />
      <MySkills />
    </div>
  );
}
