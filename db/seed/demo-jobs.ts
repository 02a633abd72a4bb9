/** Job descriptions for the demo organization, written for this demo. */
export interface DemoJob {
  organizationSlug: string;
  title: string;
  description: string;
}

export const demoJobs: DemoJob[] = [
  {
    organizationSlug: 'northwind',
    title: 'Senior Backend Engineer (Node.js)',
    description: `Northwind Engineering is hiring a Senior Backend Engineer to build the APIs behind our logistics platform.

What you will do:
- Design and build REST and GraphQL APIs in Node.js and TypeScript.
- Model data in PostgreSQL and tune slow SQL queries.
- Ship services in Docker containers to our Kubernetes clusters on AWS.

Requirements:
- Must have 3+ years of experience with Node.js and TypeScript.
- Strong SQL and PostgreSQL skills are required.
- Experience with Docker and Kubernetes.

Nice to have:
- Terraform or other infrastructure as code.
- Experience with Apache Spark data pipelines is a bonus.
- Agile ways of working (Scrum).`,
  },
  {
    organizationSlug: 'northwind',
    title: 'Data Engineer',
    description: `We are looking for a Data Engineer to own our analytics pipelines.

You will build batch and streaming ETL pipelines with Apache Spark, write Python and SQL every day, and
run workloads on AWS.

Required: Python, SQL and Apache Spark. You must be comfortable with data analysis in pandas.
Preferred: statistics, machine learning foundations, PostgreSQL performance tuning.
Bonus: Docker, Terraform.`,
  },
  {
    organizationSlug: 'northwind',
    title: 'Frontend Developer (React)',
    description: `Join our product team as a Frontend Developer.

Must have: React and TypeScript, modern JavaScript, HTML and CSS.
Required: experience building accessible interfaces (WCAG).
Nice to have: user research and usability testing, agile project management, Node.js.`,
  },
  {
    organizationSlug: 'contoso',
    title: 'Registered Nurse, Emergency Department',
    description: `Contoso Health seeks a Registered Nurse for the emergency department.

Required: nursing qualification, patient care experience, Basic Life Support (CPR) certification.
Must have: infection prevention and control training.
Preferred: leadership and teamwork in multidisciplinary teams.`,
  },
];
