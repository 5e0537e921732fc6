/** Violation projects about environmental impact statements: no NOI, no ROD, over the page limit. */
import { BLM, BOR, PLAIN, project } from './provenance.js';
import type { SeedEvent, SeedProject } from './writer.js';

const event = (
  key: string,
  eventType: string,
  eventDate: string,
  documentKey: string,
  provenance = BLM,
): SeedEvent => ({
  key,
  event: { eventType, eventDate, ...provenance },
  columns: { status: 'completed' },
  documentKey,
});

export const EIS_VIOLATION_PROJECTS: readonly SeedProject[] = [
  {
    key: 'viol:VIOL-EIS-NO-NOI',
    project: {
      ...project('VIOL-EIS-NO-NOI', 'Red Mesa Transmission Line', 'Bureau of Land Management', BLM),
      sector: 'energy',
    },
    processes: [
      {
        key: 'viol:VIOL-EIS-NO-NOI:eis',
        process: {
          type: 'EIS',
          status: 'completed',
          leadAgency: 'Bureau of Land Management',
          startDate: '2022-04-01',
          completionDate: '2023-10-02',
          ...BLM,
        },
        documents: [
          {
            key: 'viol:VIOL-EIS-NO-NOI:deis',
            document: {
              title: 'Red Mesa Draft EIS',
              documentType: 'Draft EIS',
              mediaType: PLAIN,
              publicationDate: '2022-12-01',
              pageCount: 140,
              text: 'Draft EIS for a 48-mile 345 kV line.',
              ...BLM,
            },
          },
          {
            key: 'viol:VIOL-EIS-NO-NOI:feis',
            document: {
              title: 'Red Mesa Final EIS',
              documentType: 'Final EIS',
              mediaType: PLAIN,
              publicationDate: '2023-08-01',
              pageCount: 145,
              text: 'Final EIS for a 48-mile 345 kV line.',
              ...BLM,
            },
          },
          {
            key: 'viol:VIOL-EIS-NO-NOI:rod',
            document: {
              title: 'Red Mesa Record of Decision',
              documentType: 'ROD',
              mediaType: PLAIN,
              publicationDate: '2023-10-02',
              pageCount: 30,
              text: 'The BLM grants the right-of-way.',
              ...BLM,
            },
          },
        ],
        events: [
          event(
            'viol:VIOL-EIS-NO-NOI:ev:deis',
            'Draft EIS published',
            '2022-12-01',
            'viol:VIOL-EIS-NO-NOI:deis',
          ),
          event(
            'viol:VIOL-EIS-NO-NOI:ev:feis',
            'Final EIS published',
            '2023-08-01',
            'viol:VIOL-EIS-NO-NOI:feis',
          ),
          event('viol:VIOL-EIS-NO-NOI:ev:rod', 'ROD', '2023-10-02', 'viol:VIOL-EIS-NO-NOI:rod'),
        ],
      },
    ],
  },
  {
    key: 'viol:VIOL-EIS-NO-ROD',
    project: {
      ...project('VIOL-EIS-NO-ROD', 'Coyote Wash Reservoir Expansion', 'Bureau of Reclamation', BOR),
      sector: 'water',
    },
    processes: [
      {
        key: 'viol:VIOL-EIS-NO-ROD:eis',
        process: {
          type: 'EIS',
          status: 'completed',
          leadAgency: 'Bureau of Reclamation',
          startDate: '2021-09-01',
          completionDate: '2023-06-01',
          ...BOR,
        },
        documents: [
          {
            key: 'viol:VIOL-EIS-NO-ROD:noi',
            document: {
              title: 'Coyote Wash Notice of Intent',
              documentType: 'NOI',
              mediaType: PLAIN,
              publicationDate: '2021-09-01',
              pageCount: 3,
              text: 'Reclamation will prepare an EIS.',
              ...BOR,
            },
          },
          {
            key: 'viol:VIOL-EIS-NO-ROD:feis',
            document: {
              title: 'Coyote Wash Final EIS',
              documentType: 'Final EIS',
              mediaType: PLAIN,
              publicationDate: '2023-02-01',
              pageCount: 133,
              text: 'Final EIS for raising the dam by 12 feet.',
              ...BOR,
            },
          },
        ],
        events: [
          event('viol:VIOL-EIS-NO-ROD:ev:noi', 'NOI', '2021-09-01', 'viol:VIOL-EIS-NO-ROD:noi', BOR),
          event(
            'viol:VIOL-EIS-NO-ROD:ev:feis',
            'Final EIS published',
            '2023-02-01',
            'viol:VIOL-EIS-NO-ROD:feis',
            BOR,
          ),
        ],
      },
    ],
  },
  {
    key: 'viol:VIOL-EIS-LONG',
    project: {
      ...project('VIOL-EIS-LONG', 'Sagebrush Flats Wind Energy Project', 'Bureau of Land Management', BLM),
      sector: 'energy',
    },
    processes: [
      {
        key: 'viol:VIOL-EIS-LONG:eis',
        process: {
          type: 'EIS',
          status: 'completed',
          leadAgency: 'Bureau of Land Management',
          startDate: '2022-05-02',
          completionDate: '2024-02-20',
          ...BLM,
        },
        documents: [
          {
            key: 'viol:VIOL-EIS-LONG:noi',
            document: {
              title: 'Sagebrush Flats Notice of Intent',
              documentType: 'NOI',
              mediaType: PLAIN,
              publicationDate: '2022-05-02',
              pageCount: 4,
              text: 'The BLM will prepare an EIS.',
              ...BLM,
            },
          },
          {
            key: 'viol:VIOL-EIS-LONG:deis',
            document: {
              title: 'Sagebrush Flats Draft EIS',
              documentType: 'Draft EIS',
              mediaType: PLAIN,
              publicationDate: '2023-03-10',
              pageCount: 148,
              text: 'Draft EIS for 96 turbines.',
              ...BLM,
            },
          },
          {
            key: 'viol:VIOL-EIS-LONG:feis',
            document: {
              title: 'Sagebrush Flats Final EIS',
              documentType: 'Final EIS',
              mediaType: PLAIN,
              publicationDate: '2023-11-17',
              pageCount: 236,
              text: 'Final EIS for 96 turbines.',
              ...BLM,
            },
          },
          {
            key: 'viol:VIOL-EIS-LONG:rod',
            document: {
              title: 'Sagebrush Flats Record of Decision',
              documentType: 'ROD',
              mediaType: PLAIN,
              publicationDate: '2024-02-20',
              pageCount: 28,
              text: 'The BLM approves 88 turbines.',
              ...BLM,
            },
          },
        ],
        events: [
          event('viol:VIOL-EIS-LONG:ev:noi', 'NOI', '2022-05-02', 'viol:VIOL-EIS-LONG:noi'),
          event('viol:VIOL-EIS-LONG:ev:rod', 'ROD', '2024-02-20', 'viol:VIOL-EIS-LONG:rod'),
        ],
      },
    ],
  },
];
