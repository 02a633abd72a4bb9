/**
 * The demo candidate population: deterministic (seeded PRNG), so every fresh install shows the same data.
 * Achievements are the demo issuers' badge catalogue; seeding issues them as real signed credentials.
 */

export interface DemoAchievement {
  issuer: string;
  name: string;
  description: string;
  criteria: string;
  tags: string[];
}

export interface DemoArchetype {
  headline: string;
  achievements: DemoAchievement[];
}

const academy = 'Skillgraph Demo Academy';
const university = 'Demo State University';
const guild = 'Demo Cloud Guild';
const health = 'Demo Health Institute';

const a = (
  issuer: string,
  name: string,
  description: string,
  criteria: string,
  tags: string[],
): DemoAchievement => ({
  issuer,
  name,
  description,
  criteria,
  tags,
});

export const demoArchetypes: DemoArchetype[] = [
  {
    headline: 'Frontend engineer (React, TypeScript)',
    achievements: [
      a(
        academy,
        'TypeScript Practitioner',
        'Builds type-safe applications in TypeScript with generics and strict mode.',
        'Passed a proctored TypeScript coding assessment.',
        ['TypeScript', 'JavaScript'],
      ),
      a(
        academy,
        'React Application Developer',
        'Develops component-based user interfaces with React and hooks.',
        'Delivered a React project reviewed by two assessors.',
        ['React', 'frontend'],
      ),
      a(
        academy,
        'Accessible Web Design',
        'Designs web interfaces that meet WCAG accessibility guidelines.',
        'Audited and fixed a site to WCAG 2.2 AA.',
        ['accessibility', 'HTML', 'CSS'],
      ),
      a(
        university,
        'Human-Computer Interaction',
        'Applies user research and usability testing to interface design.',
        'Completed the course with a final usability study.',
        ['UX', 'usability testing'],
      ),
    ],
  },
  {
    headline: 'Backend developer (Node.js, PostgreSQL)',
    achievements: [
      a(
        academy,
        'Node.js Backend Developer',
        'Builds REST and GraphQL APIs with Node.js and Express.',
        'Built and load-tested an API service.',
        ['Node.js', 'REST API', 'GraphQL'],
      ),
      a(
        academy,
        'PostgreSQL Performance Tuning',
        'Designs relational schemas, writes SQL and tunes PostgreSQL queries and indexes.',
        'Optimised a slow workload by 10x in a graded lab.',
        ['PostgreSQL', 'SQL', 'database design'],
      ),
      a(
        guild,
        'Docker and Kubernetes Fundamentals',
        'Packages services in Docker containers and deploys them to Kubernetes.',
        'Deployed a multi-service app to a cluster.',
        ['Docker', 'Kubernetes', 'containers'],
      ),
      a(
        academy,
        'TypeScript Practitioner',
        'Builds type-safe applications in TypeScript with generics and strict mode.',
        'Passed a proctored TypeScript coding assessment.',
        ['TypeScript', 'JavaScript'],
      ),
    ],
  },
  {
    headline: 'Data engineer (Python, SQL, Spark)',
    achievements: [
      a(
        university,
        'Python for Data Analysis',
        'Cleans and analyses data with Python, pandas and NumPy.',
        'Final project graded A.',
        ['Python', 'pandas', 'data analysis'],
      ),
      a(
        guild,
        'Apache Spark Data Pipelines',
        'Builds batch and streaming ETL pipelines with Apache Spark.',
        'Delivered a pipeline processing 1 TB.',
        ['Apache Spark', 'ETL', 'data pipelines'],
      ),
      a(
        academy,
        'PostgreSQL Performance Tuning',
        'Designs relational schemas, writes SQL and tunes PostgreSQL queries and indexes.',
        'Optimised a slow workload by 10x in a graded lab.',
        ['PostgreSQL', 'SQL'],
      ),
      a(
        guild,
        'AWS Cloud Practitioner',
        'Uses core Amazon Web Services: EC2, S3, IAM and managed databases.',
        'Passed the cloud fundamentals exam.',
        ['AWS', 'cloud computing'],
      ),
    ],
  },
  {
    headline: 'Machine learning engineer',
    achievements: [
      a(
        university,
        'Machine Learning Foundations',
        'Trains and evaluates supervised machine learning models with scikit-learn.',
        'Passed the exam and a modelling project.',
        ['machine learning', 'scikit-learn', 'Python'],
      ),
      a(
        university,
        'Deep Learning with PyTorch',
        'Builds neural networks for vision and language tasks with PyTorch.',
        'Implemented and trained three models.',
        ['deep learning', 'PyTorch', 'neural networks'],
      ),
      a(
        university,
        'Statistics for Data Science',
        'Applies statistical inference, hypothesis testing and regression.',
        'Final exam score above 80%.',
        ['statistics', 'regression analysis'],
      ),
      a(
        guild,
        'MLOps Practitioner',
        'Deploys and monitors machine learning models in production with CI/CD.',
        'Operated a model in production for four weeks.',
        ['MLOps', 'continuous integration'],
      ),
    ],
  },
  {
    headline: 'Cloud and DevOps engineer',
    achievements: [
      a(
        guild,
        'AWS Cloud Practitioner',
        'Uses core Amazon Web Services: EC2, S3, IAM and managed databases.',
        'Passed the cloud fundamentals exam.',
        ['AWS', 'cloud computing'],
      ),
      a(
        guild,
        'Terraform Infrastructure as Code',
        'Provisions cloud infrastructure declaratively with Terraform.',
        'Built a reusable module library.',
        ['Terraform', 'infrastructure as code'],
      ),
      a(
        guild,
        'Docker and Kubernetes Fundamentals',
        'Packages services in Docker containers and deploys them to Kubernetes.',
        'Deployed a multi-service app to a cluster.',
        ['Docker', 'Kubernetes'],
      ),
      a(
        guild,
        'Linux System Administration',
        'Administers Linux servers: shell scripting, networking, security hardening.',
        'Passed a hands-on administration exam.',
        ['Linux', 'Bash', 'system administration'],
      ),
    ],
  },
  {
    headline: 'Security analyst',
    achievements: [
      a(
        guild,
        'Network Security Essentials',
        'Configures firewalls, VPNs and intrusion detection to secure networks.',
        'Passed a practical network defence lab.',
        ['network security', 'firewalls'],
      ),
      a(
        guild,
        'Incident Response Handler',
        'Detects, contains and recovers from cybersecurity incidents.',
        'Led a simulated incident response exercise.',
        ['incident response', 'cyber security'],
      ),
      a(
        guild,
        'Linux System Administration',
        'Administers Linux servers: shell scripting, networking, security hardening.',
        'Passed a hands-on administration exam.',
        ['Linux'],
      ),
      a(
        university,
        'Risk Management',
        'Identifies, assesses and mitigates organisational risk.',
        'Completed the course with a case study.',
        ['risk management', 'compliance'],
      ),
    ],
  },
  {
    headline: 'Product and project manager',
    achievements: [
      a(
        university,
        'Agile Project Management',
        'Runs projects with Scrum and Kanban, plans sprints and manages backlogs.',
        'Managed a team project for one semester.',
        ['agile', 'Scrum', 'project management'],
      ),
      a(
        academy,
        'Product Discovery',
        'Conducts user interviews and prioritises product requirements.',
        'Delivered a discovery report.',
        ['product management', 'user research'],
      ),
      a(
        university,
        'Business Communication',
        'Writes clear reports and presents to stakeholders.',
        'Graded presentation and written report.',
        ['communication', 'presentation skills'],
      ),
      a(
        university,
        'Leadership and Teamwork',
        'Leads teams, gives feedback and resolves conflict.',
        'Peer-assessed team leadership project.',
        ['leadership', 'teamwork'],
      ),
    ],
  },
  {
    headline: 'Registered nurse',
    achievements: [
      a(
        health,
        'Patient Care Fundamentals',
        'Provides safe patient care, monitors vital signs and administers medication.',
        'Supervised clinical placement completed.',
        ['nursing', 'patient care'],
      ),
      a(
        health,
        'Basic Life Support',
        'Performs cardiopulmonary resuscitation and uses an automated external defibrillator.',
        'Passed the practical BLS assessment.',
        ['CPR', 'first aid'],
      ),
      a(
        health,
        'Infection Prevention and Control',
        'Applies hygiene and infection control procedures in clinical settings.',
        'Passed the infection control exam.',
        ['infection control', 'hygiene'],
      ),
      a(
        university,
        'Leadership and Teamwork',
        'Leads teams, gives feedback and resolves conflict.',
        'Peer-assessed team leadership project.',
        ['teamwork'],
      ),
    ],
  },
  {
    headline: 'Financial analyst',
    achievements: [
      a(
        university,
        'Financial Modelling in Excel',
        'Builds financial models and forecasts in Microsoft Excel.',
        'Built a three-statement model graded by a practitioner.',
        ['financial modelling', 'Excel'],
      ),
      a(
        university,
        'Accounting Principles',
        'Prepares financial statements following accounting standards.',
        'Passed the final exam.',
        ['accounting', 'financial statements'],
      ),
      a(
        university,
        'Statistics for Data Science',
        'Applies statistical inference, hypothesis testing and regression.',
        'Final exam score above 80%.',
        ['statistics'],
      ),
      a(
        university,
        'Python for Data Analysis',
        'Cleans and analyses data with Python, pandas and NumPy.',
        'Final project graded A.',
        ['Python', 'data analysis'],
      ),
    ],
  },
];

const firstNames = [
  'Amara',
  'Bjorn',
  'Carmen',
  'Dmitri',
  'Elif',
  'Farah',
  'Goran',
  'Hiroshi',
  'Ines',
  'Jonas',
  'Kavya',
  'Luca',
  'Maya',
  'Nikolai',
  'Olivia',
  'Priya',
  'Quentin',
  'Rosa',
  'Sven',
  'Tariq',
  'Uma',
  'Viktor',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zofia',
  'Aiden',
  'Beatriz',
  'Chinedu',
  'Daria',
  'Emil',
  'Fatima',
  'Gabriel',
  'Hana',
  'Ivan',
  'Julia',
];
const lastNames = [
  'Andersson',
  'Bakker',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ivanova',
  'Jensen',
  'Kowalski',
  'Larsen',
  'Mwangi',
  'Novak',
  'Okoro',
  'Petrov',
  'Quinn',
  'Rossi',
  'Sato',
  'Tanaka',
  'Urban',
  'Virtanen',
  'Weber',
  'Xu',
  'Yilmaz',
  'Zhang',
  'Nguyen',
  'Silva',
  'Murphy',
  'Kim',
];
const locations = [
  'Berlin, Germany',
  'Amsterdam, Netherlands',
  'Stockholm, Sweden',
  'Lisbon, Portugal',
  'Madrid, Spain',
  'Warsaw, Poland',
  'Dublin, Ireland',
  'Paris, France',
  'Helsinki, Finland',
  'Remote (EU)',
  'London, United Kingdom',
  'Vienna, Austria',
];
const availabilities = ['immediately', 'within_month', 'within_quarter', 'not_looking'] as const;

/** mulberry32: a small, well-known seeded PRNG, so the demo data is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoCandidateProfile {
  email: string;
  displayName: string;
  headline: string;
  location: string;
  availability: (typeof availabilities)[number];
  visibility: 'public' | 'applied_only' | 'hidden';
  achievements: DemoAchievement[];
}

export function demoCandidateProfiles(count: number): DemoCandidateProfile[] {
  const random = seededRandom(20261122);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const profiles: DemoCandidateProfile[] = [];
  for (let index = 0; index < count; index++) {
    const archetype = demoArchetypes[index % demoArchetypes.length];
    const secondary = pick(demoArchetypes);
    const first = pick(firstNames);
    const last = pick(lastNames);
    const own = archetype.achievements.filter(() => random() < 0.8);
    const extra = secondary === archetype ? [] : secondary.achievements.filter(() => random() < 0.25);
    const achievements = [
      ...new Map([...own, ...extra].map((item) => [`${item.issuer}|${item.name}`, item])).values(),
    ];
    const visibilityRoll = random();
    profiles.push({
      email: `candidate-${String(index + 1).padStart(4, '0')}@demo.skillgraph.dev`,
      displayName: `${first} ${last}`,
      headline: archetype.headline,
      location: pick(locations),
      availability: pick(availabilities),
      visibility: visibilityRoll < 0.8 ? 'public' : visibilityRoll < 0.93 ? 'applied_only' : 'hidden',
      achievements: achievements.length > 0 ? achievements : [archetype.achievements[0]],
    });
  }
  return profiles;
}
