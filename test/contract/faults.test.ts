import { faultSuite } from './fault-suite.ts';

faultSuite(0);
