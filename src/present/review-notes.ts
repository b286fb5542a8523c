// How review notes read on screens: their counted nouns and the words of a badge.
import { count, type Noun } from './words';

export const OPEN_NOTES: Noun = { one: 'open notitie', many: 'open notities', none: 'geen open notities' };
export const NOTES: Noun = { one: 'notitie', many: 'notities', none: 'geen notities' };
export const REPLIES: Noun = { one: 'reactie', many: 'reacties', none: 'geen reacties' };

/** The accessible text of a badge: "2 open notities". */
export const openNotesText = (n: number) => count(n, OPEN_NOTES);
