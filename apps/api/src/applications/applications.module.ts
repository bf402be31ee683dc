import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Application, ApplicationStatusEvent, OtpGuard } from '@app/models';
import { ApplicationTokenGuard } from './application-token.guard';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { OnboardingGateway } from './onboarding-gateway';

@Module({
  imports: [TypeOrmModule.forFeature([Application, ApplicationStatusEvent, OtpGuard])],
  controllers: [ApplicationsController],
  providers: [ApplicationsService, OnboardingGateway, ApplicationTokenGuard],
  exports: [OnboardingGateway, ApplicationTokenGuard, TypeOrmModule],
})
export class ApplicationsModule {}
