/**
 * Builds the demo city as plain rows, in a fixed order of draws from one seeded stream: people, the
 * catalogue and its sessions, registrations (with attendance, learning and surveys), self-study,
 * certifications. Reordering any step changes every row after it.
 */
import { addCertifications, addDecisions, addPersonaNotices, chooseLeaders } from './certification'
import { addSelfStudy, createLearningLedger } from './learning'
import { addPeople } from './people'
import { DEMO_PERSONAS } from './personas'
import { pinRegistrations } from './pinned-registrations'
import { createRandom } from './random'
import { addRegistrations } from './registrations'
import { addCatalogue } from './sessions'
import { createSurveyWriter } from './surveys'
import { DEMO_DEFAULTS, type DemoCity, type DemoCityOptions, type DemoReference } from './types'

export function generateDemoCity(reference: DemoReference, options: DemoCityOptions = {}): DemoCity {
  const seed = options.seed ?? DEMO_DEFAULTS.seed
  const today = options.referenceDate ?? DEMO_DEFAULTS.referenceDate
  const total = Math.max(options.employees ?? DEMO_DEFAULTS.employees, DEMO_PERSONAS.length + 20)
  const random = createRandom(seed)
  // Follow-ups draw from their own stream, so adding them left the rest of the city as it was.
  const followUpRandom = createRandom(seed ^ 0xf0110)
  const city: DemoCity = {
    users: [],
    profiles: [],
    surveyTemplates: [],
    trainings: [],
    trainingAreas: [],
    trainingTargetRoles: [],
    sessions: [],
    registrations: [],
    learningRecords: [],
    surveyResponses: [],
    surveyBallotBoxes: [],
    surveySubmissions: [],
    certifications: [],
    certificationDecisions: [],
    notices: [],
  }

  const people = addPeople(city, reference, random, total)
  const leaders = chooseLeaders(people.candidates)
  const surveys = createSurveyWriter(city, reference, random, followUpRandom, today)
  const catalogue = addCatalogue(city, reference, random, today, people.facilitators)
  const pinned = pinRegistrations(catalogue.plans, leaders)
  const ledger = createLearningLedger(city, random)
  addRegistrations({ city, random, today, people, catalogue, pinned, ledger, surveys })
  addSelfStudy(ledger, reference, random, today, people.employees, [
    ...leaders.certified,
    ...leaders.readyToCertify,
  ])
  addCertifications(city, random, today, leaders.certified)
  // The division's decisions and the personas' notices draw from their own stream, so adding them
  // left every row above as it was.
  const decisionRandom = createRandom(seed ^ 0xdec1)
  addDecisions(city, decisionRandom, today, leaders, people.candidates)
  addPersonaNotices(city, decisionRandom, today)
  return city
}
