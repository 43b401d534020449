// `wdfleak explain --signature <slug|id> <transcripts>`: the transcripts read as analyze reads them,
// their subjects derived the same way, and the signature traced on each subject of its kind.
import { str, type ParsedArgs } from './args.js';
import type { Io } from './command.js';
import { inputFiles, requireDebuggerOutput } from './analyze.js';
import { findSignature, loadPack } from './signature-pack.js';
import type { Arch } from '../types/facts.js';
import type { SignatureExplanation } from '../types/trace.js';

export async function explainSignatureOnFiles(key: string, args: ParsedArgs, io: Io): Promise<SignatureExplanation> {
  const files = inputFiles(args, io, 'explain --signature');
  const pack = await loadPack(args, io);
  const sig = findSignature(pack, key);
  const [{ readFacts }, { loadPooltagFile }, { deriveSubjects }, { KNOWLEDGE }, { explainSignature }] = await Promise.all([
    import('../node/facts-of-files.js'),
    import('../node/analyze-files.js'),
    import('../derive/subjects.js'),
    import('../reference/knowledge.js'),
    import('../findings/explain-signature.js'),
  ]);
  const pooltag = str(args, 'pooltag');
  const poolTags = pooltag ? await loadPooltagFile(pooltag) : undefined;
  const arch = str(args, 'arch') as Arch | undefined;
  const read = await readFacts(files, arch ? { arch } : {});
  requireDebuggerOutput(read, io);
  const subjects = deriveSubjects(read.facts, KNOWLEDGE, poolTags ? { poolTags } : {});
  return explainSignature(sig, subjects, pack.signatures);
}
