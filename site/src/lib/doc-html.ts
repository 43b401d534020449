// Signature doc pages (rules/signatures/<slug>.md) as the signature page shows them. The page has one
// section per topic (why it leaks, evidence, how to confirm, how to fix, …) that joins what the signature
// JSON says with what the doc page says, so the doc's h2 sections are cut out and filed by topic. The doc's
// own h1 (the title the page already shows) goes. The HTML is the sanitised output of the site's Markdown
// pipeline; only its h1/h2 headings are touched.

/** The page's topics, in page order, and the doc headings that belong to each. */
export const DOC_TOPICS = {
  meaning: ['what it means'],
  why: ['why it leaks'],
  evidence: ['evidence it looks for', 'evidence'],
  confirm: ['how to confirm'],
  fix: ['how to fix', 'how to fix it'],
  misses: ['false positives and known misses', 'false positives', 'known misses'],
  fixtures: ['fixtures'],
} as const;

export type DocTopic = keyof typeof DOC_TOPICS;

export interface DocSection {
  title: string;
  html: string;
}

export interface DocSections {
  /** What comes before the first h2 (after the h1). */
  intro: string;
  topics: Partial<Record<DocTopic, DocSection>>;
  /** h2 sections that belong to no topic, in doc order; the page shows them under their own titles. */
  others: DocSection[];
}

const textOf = (html: string): string => html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();

function topicOf(title: string): DocTopic | undefined {
  const key = title.toLowerCase().replace(/[.:]$/, '');
  return (Object.keys(DOC_TOPICS) as DocTopic[]).find((t) => (DOC_TOPICS[t] as readonly string[]).includes(key));
}

/** Cuts a rendered doc page into its topics. A topic the doc repeats is joined into one section. */
export function docSections(html: string): DocSections {
  const body = html.replace(/^\s*<h1\b[^>]*>[\s\S]*?<\/h1>/, '');
  const parts = body.split(/(<h2\b[^>]*>[\s\S]*?<\/h2>)/);
  const out: DocSections = { intro: parts[0]!.trim(), topics: {}, others: [] };
  for (let i = 1; i < parts.length; i += 2) {
    const title = textOf(parts[i]!);
    const section = { title, html: (parts[i + 1] ?? '').trim() };
    const topic = topicOf(title);
    if (!topic) out.others.push(section);
    else if (out.topics[topic]) out.topics[topic]!.html += `\n${section.html}`;
    else out.topics[topic] = section;
  }
  return out;
}
