import { checkinFlow } from '../../flows/checkin/checkinFlow';
import { consentFlow } from '../../flows/consent/consentFlow';
import { goalEditFlow } from '../../flows/goals/goalEditFlow';
import { goalsFlow } from '../../flows/goals/goalsFlow';
import { intakeFlow } from '../../flows/intake/intakeFlow';
import { kickoffFlow } from '../../flows/kickoff/kickoffFlow';
import { meetingFlow } from '../../flows/meeting/meetingFlow';
import { mentorFlow } from '../../flows/mentor/mentorFlow';
import type { FormFlow } from '../../flows/types';
import { surveyFlow } from '../../flows/survey/surveyFlow';
import { welcomeFlow } from '../../flows/welcome/welcomeFlow';
import { firstMeetingFlow } from '../../flows/firstMeeting/firstMeetingFlow';
import { fitWordFlow } from '../../flows/fitCheck/fitWordFlow';

/** Every flow by id, so a stored state finds its flow again. */
export const FLOWS: Record<string, FormFlow> = {
  [welcomeFlow.id]: welcomeFlow,
  [intakeFlow.id]: intakeFlow,
  [mentorFlow.id]: mentorFlow,
  [kickoffFlow.id]: kickoffFlow,
  [goalsFlow.id]: goalsFlow,
  [goalEditFlow.id]: goalEditFlow,
  [meetingFlow.id]: meetingFlow,
  [checkinFlow.id]: checkinFlow,
  [surveyFlow.id]: surveyFlow,
  [consentFlow.id]: consentFlow,
  [firstMeetingFlow.id]: firstMeetingFlow,
  [fitWordFlow.id]: fitWordFlow,
};
