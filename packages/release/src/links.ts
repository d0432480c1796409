// Where the project lives, chosen once in the root package.json (`repository`, `homepage`,
// `bugs`) and given from there to every published package, whose registry pages link back to it.
import type { Manifest } from './workspace.js';

/** The default branch: links to files on the repository's web pages name it. */
export const BRANCH = 'main';

/** `https://github.com/owner/name` from the root's `repository.url` (`git+https://...git`). */
export function repositoryWebUrl(root: Manifest): string {
  const url = root.repository?.url;
  if (url === undefined) throw new Error('the root package.json has no repository.url');
  return url.replace(/^git\+/, '').replace(/\.git$/, '');
}

/** The `repository`, `homepage` and `bugs` a published package in packages/<dir> must have. */
export function expectedLinks(root: Manifest, dir: string): Pick<Manifest, 'repository' | 'homepage' | 'bugs'> {
  const web = repositoryWebUrl(root);
  return {
    repository: { type: 'git', url: root.repository!.url, directory: `packages/${dir}` },
    homepage: `${web}/tree/${BRANCH}/packages/${dir}#readme`,
    bugs: root.bugs!,
  };
}
