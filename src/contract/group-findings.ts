import { type Finding, type FindingGroup, severityOf } from '../run/model.ts';

/** One group per cause (check + operation + location), counted, pointing at its first finding. */
export function groupFindings(findings: Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  findings.forEach((finding, index) => {
    const severity = severityOf(finding);
    const key = [
      finding.check,
      finding.operation,
      finding.location ?? '',
      severity === 'error' ? '' : severity,
    ]
      .join(' ')
      .trimEnd();
    const group = groups.get(key);
    if (group) group.count++;
    else
      groups.set(key, {
        key,
        check: finding.check,
        severity,
        operation: finding.operation,
        title: finding.title,
        count: 1,
        first: index,
      });
  });
  return [...groups.values()];
}
