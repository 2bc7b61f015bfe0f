import '../ui/index.css';
import { browserHost } from '../state/sync.ts';
import { startEmbed } from './start.tsx';

// The stage a slide embeds (embed.html; index.html?embed=1 comes here): a bundle of its own, so
// the full lab's first screen carries nothing of it.
void startEmbed(browserHost(window), document.getElementById('root')!);
