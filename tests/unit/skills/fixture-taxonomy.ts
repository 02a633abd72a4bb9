import type { SkillEntry } from '@/server/domain/skills/skill-index';

/** A tiny hand-written taxonomy for unit tests (ids and wording are ours). */
export const FIXTURE_SKILLS: SkillEntry[] = [
  {
    id: 't:js',
    preferredLabel: 'JavaScript',
    altLabels: ['JS', 'ECMAScript'],
    description: 'Programming language of the web.',
  },
  { id: 't:ts', preferredLabel: 'TypeScript', altLabels: [], description: 'Typed superset of JavaScript.' },
  {
    id: 't:node',
    preferredLabel: 'Node.js',
    altLabels: ['NodeJS'],
    description: 'JavaScript runtime for servers.',
  },
  {
    id: 't:java',
    preferredLabel: 'Java (computer programming)',
    altLabels: [],
    description: 'Object-oriented programming language on the JVM, software development.',
  },
  {
    id: 't:coffee',
    preferredLabel: 'Java (coffee)',
    altLabels: [],
    description: 'Coffee beans grown on the island; barista brewing and roasting.',
  },
  {
    id: 't:ml',
    preferredLabel: 'machine learning',
    altLabels: ['ML'],
    description: 'Statistical models that learn from data.',
  },
  { id: 't:learn', preferredLabel: 'learning', altLabels: [], description: 'Acquiring knowledge.' },
  { id: 't:pg', preferredLabel: 'PostgreSQL', altLabels: ['Postgres'], description: 'Relational database.' },
  { id: 't:less', preferredLabel: 'LESS', altLabels: [], description: 'Style sheet language extending CSS.' },
  {
    id: 't:it',
    preferredLabel: 'IT',
    altLabels: ['information technology'],
    description: 'Computers and networks.',
  },
  {
    id: 't:solve',
    preferredLabel: 'solve problems',
    altLabels: ['problem solving'],
    description: 'Find solutions to problems.',
  },
  { id: 't:cpp', preferredLabel: 'C++', altLabels: [], description: 'Systems programming language.' },
  { id: 't:csharp', preferredLabel: 'C#', altLabels: [], description: 'Language for .NET.' },
  {
    id: 't:dotnet',
    preferredLabel: '.NET',
    altLabels: ['dotnet'],
    description: 'Microsoft application framework.',
  },
  { id: 't:ecom', preferredLabel: 'e-commerce', altLabels: [], description: 'Selling online.' },
  { id: 't:docker', preferredLabel: 'Docker', altLabels: [], description: 'Containers.' },
  { id: 't:k8s', preferredLabel: 'Kubernetes', altLabels: ['K8s'], description: 'Container orchestration.' },
];
