import type { Finding, FindingGroup } from '../run/model.ts';

/** One group per cause (check + operation + location), counted, pointing at its first finding. */
export function groupFindings(findings: Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  findings.forEach((finding, index) => {
    const key = [finding.check, finding.operation, finding.location ?? ''].join(' ');
    const group = groups.get(key);
    if (group) group.count++;
    else
      groups.set(key, {
        key,
        check: finding.check,
        operation: finding.operation,
        title: finding.title,
        count: 1,
        first: index,
      });
  });
  return [...groups.values()];
}
