import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { createTestIssuer, tamper } from '@/tests/helpers/credential-builders';

type Json = Record<string, unknown>;

export interface Wallet {
  files: string[];
  /** How many results are expected, by verification status, across all files. */
  expected: { verified: number; notVerified: number };
}

function withAchievement(credential: Json, name: string, description: string, skills: string[]): Json {
  const subject = credential.credentialSubject as Json;
  const achievement = subject.achievement as Json;
  credential.name = name;
  achievement.name = name;
  achievement.description = description;
  achievement.tag = skills.map((skill) => skill.toLowerCase());
  achievement.alignment = skills.map((skill) => ({
    type: ['Alignment'],
    targetName: skill,
    targetUrl: `https://example.org/skills/${encodeURIComponent(skill.toLowerCase().replace(/\s+/g, '-'))}`,
    targetFramework: 'E2E test skills',
  }));
  return credential;
}

/**
 * A mixed wallet for the candidate journey, generated with test keys (a did:key issuer that verifies
 * offline): signed credentials loose and inside a zip, a tampered one (invalid signature), an expired one,
 * and a file that is not a credential at all. Public sample credentials from ../shared are added when present.
 */
export async function buildWallet(folder: string): Promise<Wallet> {
  mkdirSync(folder, { recursive: true });
  const issuer = await createTestIssuer(23);
  const python = await issuer.signDataIntegrity(
    withAchievement(
      issuer.credential({ name: 'Python Data Analysis' }),
      'Python Data Analysis',
      'Analyses data with Python, pandas and SQL.',
      ['Python', 'SQL', 'data analysis'],
    ),
  );
  const typescript = await issuer.signEd25519Signature2020(
    withAchievement(
      issuer.credential({ name: 'TypeScript Web Development' }),
      'TypeScript Web Development',
      'Builds web applications in TypeScript and React.',
      ['TypeScript', 'JavaScript', 'React'],
    ),
  );
  const docker = await issuer.signDataIntegrity(
    withAchievement(
      issuer.credential({ name: 'Container Operations' }),
      'Container Operations',
      'Runs services with Docker and Kubernetes.',
      ['Docker', 'Kubernetes'],
    ),
  );
  const expired = await issuer.signDataIntegrity(
    withAchievement(
      issuer.credential({ name: 'Project Management Basics', validUntil: '2020-01-01T00:00:00Z' }),
      'Project Management Basics',
      'Plans and tracks projects.',
      ['project management'],
    ),
  );
  const tampered = tamper(
    await issuer.signDataIntegrity(
      withAchievement(issuer.credential({ name: 'Machine Learning' }), 'Machine Learning', 'Trains models.', [
        'machine learning',
      ]),
    ),
  );

  const files: string[] = [];
  const write = (name: string, content: string | Uint8Array) => {
    const file = path.join(folder, name);
    writeFileSync(file, content);
    files.push(file);
  };
  write('python-data-analysis.json', JSON.stringify(python, null, 2));
  write('typescript-web.json', JSON.stringify(typescript, null, 2));
  write('expired-project-management.json', JSON.stringify(expired, null, 2));
  write('tampered-machine-learning.json', JSON.stringify(tampered, null, 2));
  write(
    'wallet-export.zip',
    zipSync({ 'badges/container-operations.json': strToU8(JSON.stringify(docker)) }),
  );
  write('not-a-credential.txt', 'These are my holiday notes, not a credential.\n');
  let verified = 3;
  const notVerified = 3;

  const shared = process.env.SKILLGRAPH_SHARED_DIR ?? path.resolve(process.cwd(), '../shared');
  const sample = path.join(shared, 'fixtures/credentials/ob3/dcc-v2-eddsa-rdfc-alignments.json');
  if (existsSync(sample)) {
    write('public-sample-alignments.json', readFileSync(sample));
    verified += 1;
  }
  return { files, expected: { verified, notVerified } };
}
